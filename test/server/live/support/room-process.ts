import { Bootstrap } from '@midwayjs/bootstrap';
import { join } from 'path';

/** One API process for the multi-process room test: MONGODB_URI, PORT and REDIS_URL come from the parent. */
Bootstrap.configure({ baseDir: join(__dirname, '../../../../server/src') })
  .run()
  .then(() => console.log('ROOM_PROCESS_READY'))
  .catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
