import { PushType } from '@harmony-push/shared';

/*
 * Request bodies copied from Huawei's documentation (markdown mirror HMOS-DocsTeam/harmonyos-docs-site, 2026-04-22):
 *   [EXAMPLE] docs-ref/push-api/push-rest-api/push-rest-api-scenes/push-scenariozed-api-request-example
 *   [ALERT]   docs/push-kit-guide/push-scenes/push-alert/push-send-alert
 * and the badge-only body of the spec (§4.0, [BADGE]). Comments were removed; where Huawei masked a value or left a
 * placeholder, a note says what stands in for it. Tokens stay as Huawei masked them.
 */

export interface HuaweiExample {
  name: string;
  pushType: PushType;
  body: { payload: Record<string, unknown>; pushOptions?: Record<string, unknown>; target: { token: string[] } };
}

export const HUAWEI_EXAMPLES: HuaweiExample[] = [
  {
    name: '[EXAMPLE] 通知消息 (category placeholder "xxxxxx" → MARKETING)',
    pushType: PushType.ALERT,
    body: {
      payload: {
        notification: {
          category: 'MARKETING',
          title: '普通标题',
          body: '普通内容',
          clickAction: { actionType: 0 },
          style: 0,
          image: 'https://lf*******246.png'
        }
      },
      target: { token: ['MAAALgE4G98BAAAAst*******jg'] }
    }
  },
  {
    name: '[EXAMPLE] 应用在前台时接收通知消息',
    pushType: PushType.ALERT,
    body: {
      payload: {
        notification: {
          category: 'MARKETING',
          title: '普通通知标题',
          body: '普通通知内容',
          clickAction: { actionType: 0 },
          foregroundShow: false
        }
      },
      target: { token: ['MAMzLg**********lPW'] },
      pushOptions: { testMessage: true, ttl: 86400 }
    }
  },
  {
    name: '[ALERT] 点击消息进入应用内页',
    pushType: PushType.ALERT,
    body: {
      payload: {
        notification: {
          category: 'MARKETING',
          title: '普通通知标题',
          body: '普通通知内容',
          clickAction: {
            actionType: 1,
            action: 'com.test.action',
            uri: 'https://www.xxx.com:8080/push/test',
            data: { testKey: 'testValue' }
          }
        }
      },
      target: { token: ['MAMzLg**********lPW'] },
      pushOptions: { testMessage: true }
    }
  },
  {
    name: '[ALERT] 通知角标',
    pushType: PushType.ALERT,
    body: {
      payload: {
        notification: {
          category: 'MARKETING',
          title: '通知标题',
          body: '通知内容',
          badge: { addNum: 1, setNum: 99 },
          clickAction: { actionType: 0 }
        }
      },
      target: { token: ['MAMzLg**********lPW'] },
      pushOptions: { testMessage: true }
    }
  },
  {
    name: '[ALERT] 多行文本样式',
    pushType: PushType.ALERT,
    body: {
      payload: {
        notification: {
          category: 'MARKETING',
          title: '推送个性化显示',
          body: '通知内容',
          style: 3,
          inboxContent: ['1. 通知栏消息样式', '2. 通知栏消息提醒方式和展示方式', '3. 通知栏消息语言本地化'],
          clickAction: { actionType: 0 }
        }
      },
      target: { token: ['MAMzLg**********lPW'] },
      pushOptions: { testMessage: true }
    }
  },
  {
    name: '[ALERT] 开发通知消息账号校验 (profileId)',
    pushType: PushType.ALERT,
    body: {
      payload: {
        notification: {
          category: 'MARKETING',
          title: '普通通知标题',
          body: '普通通知内容',
          profileId: '111***222',
          clickAction: { actionType: 0 }
        }
      },
      target: { token: ['MAMzLg**********lPW'] },
      pushOptions: { testMessage: true }
    }
  },
  {
    name: '[ALERT] 通知消息自定义铃声',
    pushType: PushType.ALERT,
    body: {
      payload: {
        notification: {
          category: 'TRAVEL',
          title: '普通通知标题',
          body: '普通通知内容',
          clickAction: { actionType: 0 },
          notifyId: 12345,
          sound: 'alert.mp3',
          soundDuration: 10
        }
      },
      target: { token: ['MAMzLg**********lPW'] },
      pushOptions: { testMessage: true, ttl: 86400 }
    }
  },
  {
    name: 'spec §4.0 [BADGE] badge-only update',
    pushType: PushType.ALERT,
    body: { payload: { notification: { badge: { setNum: 5 } } }, target: { token: ['MAMzLg**********lPW'] } }
  },
  {
    name: '[EXAMPLE] 卡片刷新消息',
    pushType: PushType.FORM_UPDATE,
    body: {
      payload: {
        formData: { '123': 96, class: '123' },
        version: 922337203,
        images: [{ keyName: 'hello', url: 'https://xxx.png', require: 1 }],
        formId: 0,
        moduleName: 'testName',
        formName: 'testFormName',
        abilityName: 'testAbilityName'
      },
      pushOptions: { biTag: 'this is bi', ttl: 666 },
      target: { token: ['MAAALgE4G98BAAAAst************ttQd4Tw'] }
    }
  },
  {
    name: '[EXAMPLE] 语音播报消息',
    pushType: PushType.EXTENSION,
    body: {
      payload: {
        extraData: 'Extension extra data',
        notification: {
          category: 'PLAY_VOICE',
          title: '普通标题',
          body: '普通内容',
          clickAction: { actionType: 0 },
          style: 0,
          image: 'https://lf*******246.png'
        }
      },
      target: { token: ['MAAALgE4G98BAAAAst*******jg'] }
    }
  },
  {
    name: '[EXAMPLE] 后台消息',
    pushType: PushType.BACKGROUND,
    body: { payload: { extraData: '携带的数据' }, target: { token: ['MAAALgE4G98BAAAAst************jq'] } }
  },
  {
    name: '[EXAMPLE] 创建实况窗消息 FLIGHT',
    pushType: PushType.LIVE_VIEW,
    body: {
      pushOptions: { ttl: 1000, biTag: 'biTag' },
      payload: {
        activityId: 1,
        operation: 0,
        event: 'FLIGHT',
        status: 'DEPART',
        activityData: {
          notificationData: {
            keywords: { flightNo: 'MU1471' },
            type: 5,
            contentTitle: '航班{{status}}',
            contentText: [{ text: '航班号：' }, { text: '{{flightNo}}', foregroundColor: '#FF317AF7' }],
            clickAction: { actionType: 0 },
            firstTextBlock: { firstLine: '12:00', secondLine: '上海虹桥' },
            lastTextBlock: { firstLine: '14:20', secondLine: '成都天府' },
            displayHorizontalLine: true,
            spaceIcon: 'space.png',
            extend: { type: 3, pic: 'flight.png', clickAction: { actionType: 1, action: 'xxxxxxx' } }
          },
          capsuleData: {
            type: 1,
            status: 1,
            icon: 'icon.svg',
            bgColor: '#FF317AF7',
            remind: 'EXPAND',
            title: '即将出发',
            content: '请尽快前往机场'
          }
        }
      },
      target: { token: ['MAAALgE4G98BAAAAst************jq'] }
    }
  },
  {
    name: '[EXAMPLE] 创建实况窗消息 TAXI (masked tel "138xxxxxxxx" → 13800000000)',
    pushType: PushType.LIVE_VIEW,
    body: {
      pushOptions: { ttl: 1000, biTag: 'biTag' },
      payload: {
        activityId: 2,
        operation: 0,
        event: 'TAXI',
        status: 'DRIVER_ON_THE_WAY',
        activityData: {
          notificationData: {
            type: 3,
            contentTitle: '{{status}}',
            contentText: [
              { text: '距您' },
              { text: '1.2公里', foregroundColor: '#FF317AF7' },
              { text: ' | ' },
              { text: '5分钟', foregroundColor: '#FF317AF7' }
            ],
            clickAction: { actionType: 1, action: 'xxxxxx' },
            richProgress: {
              type: 0,
              nodeIcons: ['icon1.png', 'icon2.png', 'icon3.png'],
              indicatorIcon: 'taxi.png',
              progress: 40,
              indicatorType: 1,
              color: '#FF317AF7',
              bgColor: '#19000000'
            },
            extend: { type: 3, pic: 'phone.png', clickAction: { actionType: 5, data: { tel: '13800000000' } } }
          },
          capsuleData: {
            type: 1,
            status: 1,
            icon: 'icon.svg',
            bgColor: '#FF317AF7',
            remind: 'EXPAND',
            title: '接驾中',
            content: '预计5分钟'
          }
        }
      },
      target: { token: ['MAAALgE4G98BAAAAst************jq'] }
    }
  },
  {
    name: '[EXAMPLE] 创建实况窗消息 TRAIN',
    pushType: PushType.LIVE_VIEW,
    body: {
      pushOptions: { ttl: 1000, biTag: 'biTag' },
      payload: {
        activityId: 3,
        operation: 0,
        event: 'TRAIN',
        status: 'DEPART',
        title: '列车即将出发',
        content: '请尽快去高铁站',
        activityData: {
          notificationData: {
            keywords: { trainNo: 'G1406' },
            type: 5,
            contentTitle: '列车{{status}}',
            contentText: [{ text: '车次：' }, { text: '{{trainNo}}', foregroundColor: '#FF317AF7' }],
            clickAction: { actionType: 0 },
            firstTextBlock: { firstLine: '13:00', secondLine: '上海虹桥' },
            lastTextBlock: { firstLine: '14:20', secondLine: '南京南' },
            displayHorizontalLine: true,
            spaceIcon: 'space.png',
            extend: { type: 3, pic: 'train.png', clickAction: { actionType: 1, action: 'xxxxxxx' } }
          },
          capsuleData: {
            type: 1,
            status: 1,
            icon: 'icon.svg',
            bgColor: '#FF317AF7',
            remind: 'EXPAND',
            title: '即将出发',
            content: '请尽快去高铁站'
          }
        }
      },
      target: { token: ['MAAALgE4G98BAAAAst************jq'] }
    }
  },
  {
    name: '[EXAMPLE] 更新实况窗消息 FLIGHT',
    pushType: PushType.LIVE_VIEW,
    body: {
      pushOptions: { ttl: 1000, biTag: 'biTag' },
      payload: {
        activityId: 1,
        operation: 1,
        event: 'FLIGHT',
        status: 'CHECKED_IN',
        version: 1,
        activityData: {
          notificationData: {
            keywords: { flightNo: 'MU1471' },
            type: 5,
            contentTitle: '登机口88',
            contentText: [{ text: '{{status}} | ' }, { text: '{{flightNo}}', foregroundColor: '#FF317AF7' }],
            clickAction: { actionType: 0 },
            firstTextBlock: { firstLine: '12:00', secondLine: '上海虹桥' },
            lastTextBlock: { firstLine: '14:20', secondLine: '成都天府' },
            displayHorizontalLine: true,
            spaceIcon: 'space.png',
            extend: { type: 3, pic: 'flight.png', clickAction: { actionType: 1, action: 'xxxxxxx' } }
          },
          capsuleData: {
            type: 1,
            status: 1,
            icon: 'icon.svg',
            bgColor: '#FF317AF7',
            remind: 'EXPAND',
            title: '登机口88',
            content: '请尽快完成安检'
          }
        }
      },
      target: { token: ['MAAALgE4G98BAAAAst************jq'] }
    }
  },
  {
    name: '[EXAMPLE] 更新实况窗消息 TAXI, progress',
    pushType: PushType.LIVE_VIEW,
    body: {
      pushOptions: { ttl: 1000, biTag: 'biTag' },
      payload: {
        activityId: 2,
        operation: 1,
        event: 'TAXI',
        status: 'HEADING_TO_DESTINATION',
        version: 1,
        activityData: {
          notificationData: {
            type: 3,
            contentTitle: '{{status}}',
            contentText: [
              { text: '距目的地' },
              { text: '7.2公里', foregroundColor: '#FF317AF7' },
              { text: ' | 预计' },
              { text: '27分钟', foregroundColor: '#FF317AF7' }
            ],
            clickAction: { actionType: 1, action: 'xxxxxx' },
            richProgress: {
              type: 0,
              nodeIcons: ['icon1.png', 'icon2.png', 'icon3.png'],
              indicatorIcon: 'taxi.png',
              progress: 60,
              indicatorType: 1,
              color: '#FF317AF7',
              bgColor: '#19000000'
            },
            extend: { type: 0 }
          },
          capsuleData: { type: 1, status: 1, icon: 'icon.svg', bgColor: '#FF317AF7', title: '27分钟', content: '距目的地7.2公里' }
        }
      },
      target: { token: ['MAAALgE4G98BAAAAst************jq'] }
    }
  },
  {
    name: '[EXAMPLE] 更新实况窗消息 TAXI, completed',
    pushType: PushType.LIVE_VIEW,
    body: {
      pushOptions: { ttl: 1000, biTag: 'biTag' },
      payload: {
        activityId: 2,
        operation: 1,
        event: 'TAXI',
        status: 'COMPLETED',
        version: 2,
        activityData: {
          notificationData: {
            type: 4,
            contentTitle: '{{status}}，请支付',
            contentText: [
              { text: '全程' },
              { text: '10公里', foregroundColor: '#FF317AF7' },
              { text: ' | 耗时' },
              { text: '30分钟', foregroundColor: '#FF317AF7' }
            ],
            clickAction: { actionType: 1, action: 'xxxxxx' },
            singleTextBlock: { firstLine: '全程费用', secondLine: '35.2元', underlineColor: '#FF317AF7' },
            descPic: 'payment.png',
            extend: { type: 0 }
          },
          capsuleData: { type: 1, status: 1, icon: 'icon.svg', bgColor: '#FF317AF7', title: '待支付', content: '费用35.2元' }
        }
      },
      target: { token: ['MAAALgE4G98BAAAAst************jq'] }
    }
  },
  {
    name: '[EXAMPLE] 更新实况窗消息 TRAIN',
    pushType: PushType.LIVE_VIEW,
    body: {
      pushOptions: { ttl: 1000, biTag: 'biTag' },
      payload: {
        activityId: 3,
        operation: 1,
        event: 'TRAIN',
        status: 'HEADING_TO_DESTINATION',
        version: 1,
        activityData: {
          notificationData: {
            keywords: { trainNo: 'G1406' },
            type: 5,
            contentTitle: '{{status}}',
            contentText: [{ text: '车次：' }, { text: '{{trainNo}}', foregroundColor: '#FF317AF7' }],
            clickAction: { actionType: 0 },
            firstTextBlock: { firstLine: '13:00', secondLine: '上海虹桥' },
            lastTextBlock: { firstLine: '14:20', secondLine: '南京南' },
            displayHorizontalLine: true,
            spaceIcon: 'space.png',
            extend: { type: 3, pic: 'train.png', clickAction: { actionType: 1, action: 'xxxxxxx' } }
          },
          capsuleData: { type: 1, status: 1, icon: 'icon.svg', bgColor: '#FF317AF7', title: '运行中', content: '预计14:20到达' }
        }
      },
      target: { token: ['MAAALgE4G98BAAAAst************jq'] }
    }
  },
  {
    name: '[EXAMPLE] 更新实况窗消息 SCORE',
    pushType: PushType.LIVE_VIEW,
    body: {
      pushOptions: { ttl: 1000, biTag: 'biTag' },
      payload: {
        activityId: 4,
        operation: 1,
        event: 'SCORE',
        activityData: {
          notificationData: {
            type: 7,
            contentTitle: '第四节比赛中',
            contentText: [
              { text: 'XX', foregroundColor: '#FF317AF7' },
              { text: ' VS ' },
              { text: 'XX', foregroundColor: '#FF317AF7' },
              { text: ' | 小组赛第五场' }
            ],
            game: {
              host: { icon: 'host.png', name: '队名A', score: '110' },
              guest: { icon: 'guest.png', name: '队名B', score: '102' },
              competition: { desc: 'Q4', time: '02:16' }
            },
            displayHorizontalLine: true,
            clickAction: { actionType: 1, action: 'xxxxxxx' }
          },
          capsuleData: { type: 1, status: 1, icon: 'icon.svg', bgColor: '#FF317AF7', title: '110:102', content: '第四节比赛中' }
        }
      },
      target: { token: ['MAAALgE4G98BAAAAst************jq'] }
    }
  },
  {
    name: '[EXAMPLE] 应用内通话消息',
    pushType: PushType.VOIP_CALL,
    body: {
      pushOptions: { biTag: 'biTag', ttl: 30 },
      payload: { extraData: '传递给应用的数据' },
      target: { token: ['MAAALgE4G98BAAAAst************jq'] }
    }
  }
];

/** The example named `name`, deep-copied so a test may break it. */
export function example(name: string): HuaweiExample {
  const found = HUAWEI_EXAMPLES.find((candidate) => candidate.name.includes(name));
  if (!found) throw new Error(`no Huawei example named ${name}`);
  return structuredClone(found);
}
