/*
 * @kit.NetworkKit, holding only the members the app uses, with @throws tags. Mirrors, member by member, openharmony/interface_sdk-js
 * api/@ohos.net.http.d.ts as kits/@kit.NetworkKit.d.ts re-exports it (the SDK writes `int` for some numbers from
 * API 20 on; in ArkTS 1.1 `int` is `number`). Written by hand; @since is the earliest of the SDK's repeated doc
 * blocks.
 */
declare module '@kit.NetworkKit' {
  /**
   * @since 6
   */
  export namespace http {
    /**
     * @since 6
     */
    enum RequestMethod {
      /**
       * @since 6
       */
      OPTIONS = 'OPTIONS',
      /**
       * @since 6
       */
      GET = 'GET',
      /**
       * @since 6
       */
      HEAD = 'HEAD',
      /**
       * @since 6
       */
      POST = 'POST',
      /**
       * @since 6
       */
      PUT = 'PUT',
      /**
       * @since 6
       */
      DELETE = 'DELETE',
      /**
       * @since 6
       */
      TRACE = 'TRACE',
      /**
       * @since 6
       */
      CONNECT = 'CONNECT'
    }

    /**
     * @since 9
     */
    enum HttpDataType {
      /**
       * @since 9
       */
      STRING,
      /**
       * @since 9
       */
      OBJECT = 1,
      /**
       * @since 9
       */
      ARRAY_BUFFER = 2
    }

    /**
     * Only OK is used; the SDK lists every HTTP status.
     * @since 6
     */
    enum ResponseCode {
      /**
       * @since 6
       */
      OK = 200
    }

    /**
     * @since 6
     */
    interface HttpRequestOptions {
      /**
       * @since 6
       */
      method?: RequestMethod;
      /**
       * @since 6
       */
      extraData?: string | Object | ArrayBuffer;
      /**
       * @since 9
       */
      expectDataType?: HttpDataType;
      /**
       * @since 6
       */
      header?: Object;
      /**
       * @since 6
       */
      readTimeout?: number;
      /**
       * @since 6
       */
      connectTimeout?: number;
    }

    /**
     * @since 6
     */
    interface HttpResponse {
      /**
       * @since 6
       */
      result: string | Object | ArrayBuffer;
      /**
       * @since 6
       */
      responseCode: ResponseCode | number;
      /**
       * @since 6
       */
      header: Object;
    }

    /**
     * @since 6
     */
    interface HttpRequest {
      /**
       * Transport failures (no HTTP answer) reject with these codes, among others of the SDK's list.
       * @throws { BusinessError } 401 - Parameter error.
       * @throws { BusinessError } 201 - Permission denied.
       * @throws { BusinessError } 2300001 - Unsupported protocol.
       * @throws { BusinessError } 2300006 - Couldn't resolve host name.
       * @throws { BusinessError } 2300007 - Couldn't connect to server.
       * @throws { BusinessError } 2300028 - Operation timeout.
       * @throws { BusinessError } 2300999 - Unknown error.
       * @since 6
       */
      request(url: string, options?: HttpRequestOptions): Promise<HttpResponse>;
      /**
       * @since 6
       */
      destroy(): void;
    }

    /**
     * @since 6
     */
    function createHttp(): HttpRequest;
  }
}
