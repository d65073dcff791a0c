import { Bootstrap } from '@midwayjs/bootstrap';
import { join } from 'path';
import { untilListening } from '../../support/listening';

/**
 * One API process for the multi-process room test: MONGODB_URI and REDIS_URL come from the parent.
 * PORT=0 lets Midway pick the port right before it listens (a port picked by the parent can be taken
 * by another connection during this process's start-up); the line tells the parent which one.
 */
Bootstrap.configure({ baseDir: join(__dirname, '../../../../server/src') })
  .run()
  .then(() => untilListening(Number(process.env.MIDWAY_HTTP_PORT)))
  .then(() => console.log(`ROOM_PROCESS_READY port=${process.env.MIDWAY_HTTP_PORT}`))
  .catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
