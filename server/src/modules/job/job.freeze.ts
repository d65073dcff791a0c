export { JobFreezeService } from './job-freeze.service';
