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
      socket?: { once(event: 'close', listener: () => void): void; destroy(): void };
      /** The stream this session's packets go to (set from its path when it connects). */
      broadcast: NmsBroadcast;
      close(): void;
    }
    /** One stream's fan-out (src/server/broadcast_server.js); opaque here. */
    interface NmsBroadcast {
      readonly streamPath: string;
    }
    type NmsEvent = 'prePlay' | 'postPlay' | 'donePlay' | 'prePublish' | 'postPublish' | 'donePublish';
    /** The recorder of one stream (src/session/record_session.js): FLV written as packets arrive. */
    interface NmsRecordSession {
      id: string;
      streamApp: string;
      streamName: string;
      streamPath: string;
      filePath: string;
      /** The publish session recorded. */
      publisherId: string;
      /** ms since the epoch. */
      createTime: number;
      /** Set when the recording stops; 0 before. */
      endTime: number;
      fileStream: { closed: boolean; once(event: 'close', listener: () => void): void };
    }
    interface NmsRecordResult {
      ok: boolean;
      error?: string;
      recordId?: string;
      filePath?: string;
    }
    interface NmsRecordServer {
      startRecord(streamPath: string): NmsRecordResult;
      stopRecord(streamPath: string): NmsRecordResult;
      getActiveRecord(streamPath: string): NmsRecordSession | undefined;
    }
  }
  class NodeMediaServer {
    constructor(config: Record<string, unknown>, configPath?: string);
    recordServer: NodeMediaServer.NmsRecordServer;
    on(event: NodeMediaServer.NmsEvent, listener: (session: NodeMediaServer.NmsSession) => void): void;
    on(event: 'postRecord' | 'doneRecord', listener: (record: NodeMediaServer.NmsRecordSession) => void): void;
    run(): Promise<void>;
    stop(): Promise<void>;
  }
  export = NodeMediaServer;
}

declare module 'node-media-server/src/core/logger.js' {
  const logger: { level: string };
  export = logger;
}

declare module 'node-media-server/src/server/broadcast_server.js' {
  /** A stream's fan-out; `new BroadcastServer('')` is node-media-server's own unregistered placeholder. */
  class BroadcastServer {
    constructor(streamPath: string);
    readonly streamPath: string;
  }
  export = BroadcastServer;
}
