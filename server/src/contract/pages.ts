/**
 * Mini-program pages the server links to (notice cards, inbox items, share codes). The client's
 * route table lists the same paths; a client test keeps the two in step when a page moves.
 */
export const SERVER_LINKED_PAGES = {
  policyDetail: 'packages/policy/pages/detail/index',
  myApplications: 'packages/job/pages/applications/index',
  subsidyApplications: 'packages/subsidy/pages/applications/index',
  subsidyEnterpriseApplications: 'packages/subsidy/pages/enterprise-applications/index',
  staffSubsidyReview: 'packages/subsidy/pages/staff-review/index',
  myFairs: 'packages/job/pages/my-fairs/index',
  liveRoom: 'packages/live/pages/room/index',
  supportMine: 'packages/support/pages/mine/index',
  complaintDetail: 'packages/complaint/pages/detail/index',
  recruiterEnterprise: 'packages/recruiter/pages/enterprise/index',
  recruiterRealName: 'packages/recruiter/pages/real-name/index',
  live: 'pages/live/index',
  growthMine: 'packages/growth/pages/mine/index',
  growthStories: 'packages/growth/pages/stories/index',
  noticeDigest: 'packages/notice/pages/digest/index',
} as const;

export type ServerLinkedPage = keyof typeof SERVER_LINKED_PAGES;
