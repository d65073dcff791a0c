/** The parts of node-media-server 4.4 this project uses (the package ships no types). */
declare module 'node-media-server' {
  namespace NodeMediaServer {
    interface NmsSession {
      id: string;
      ip: string;
      streamApp: string;
      streamName: string;
      streamPath: string;
      streamQuery: Record<string, string | string[] | undefined>;
      /** Present on RTMP sessions. */
      socket?: { once(event: 'close', listener: () => void): void };
      close(): void;
    }
    type NmsEvent = 'prePlay' | 'postPlay' | 'donePlay' | 'prePublish' | 'postPublish' | 'donePublish';
  }
  class NodeMediaServer {
    constructor(config: Record<string, unknown>, configPath?: string);
    on(event: NodeMediaServer.NmsEvent, listener: (session: NodeMediaServer.NmsSession) => void): void;
    run(): Promise<void>;
    stop(): Promise<void>;
  }
  export = NodeMediaServer;
}

declare module 'node-media-server/src/core/logger.js' {
  const logger: { level: string };
  export = logger;
}
