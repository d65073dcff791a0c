import { Bootstrap } from '@midwayjs/bootstrap';
import { join } from 'path';

// Production entry: `node server/dist/bootstrap.js` after `npm run build:server`.
Bootstrap.configure({ baseDir: join(__dirname, 'src') }).run();
