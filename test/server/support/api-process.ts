import { Bootstrap } from '@midwayjs/bootstrap';
import { join } from 'path';
import { untilListening } from './listening';

/**
 * One API process for tests of several processes sharing a database and Redis (both from the
 * parent's environment). PORT=0: Midway picks the port as it listens; the line tells the parent.
 */
Bootstrap.configure({ baseDir: join(__dirname, '../../../server/src') })
  .run()
  .then(() => untilListening(Number(process.env.MIDWAY_HTTP_PORT)))
  .then(() => console.log(`API_PROCESS_READY port=${process.env.MIDWAY_HTTP_PORT}`))
  .catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
