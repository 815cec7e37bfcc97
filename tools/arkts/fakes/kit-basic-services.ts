// Host fake of @kit.BasicServicesKit: a phone on API 12, the oldest level the app supports.
export const deviceInfo = { deviceType: 'phone', sdkApiVersion: 12 };
