import type { Page } from '@contract/common';
import type {
  AttendeeView,
  CancelInput,
  ContestInput,
  ContestRegistrationInput,
  ContestRegistrationView,
  ContestUpdateInput,
  ContestView,
  CourseInput,
  CourseKind,
  CourseUpdateInput,
  CourseView,
  DecisionInput,
  GrowthNoticeConfig,
  LikeResult,
  PlaceApplicationInput,
  PlaceApplicationView,
  PlaceStatus,
  SignupView,
  SlotBatchInput,
  SlotKind,
  SlotView,
  StoryInput,
  StoryStatus,
  StoryView,
} from '@contract/growth';
import type { ContentSummary } from '@contract/policy';
import type { SubsidyProgram } from '@contract/subsidy';
import { uploadFile } from '../files';
import { request } from '../http';

const id = (value: string) => encodeURIComponent(value);

// Courses and training

export function courses(kind: CourseKind, institutionId?: string): Promise<CourseView[]> {
  return request<CourseView[]>({ path: '/growth/courses', query: { kind, institutionId } });
}

export function signUpCourse(courseId: string): Promise<CourseView> {
  return request<CourseView>({ method: 'POST', path: `/growth/courses/${id(courseId)}/signup` });
}

export function cancelCourse(courseId: string): Promise<CourseView> {
  return request<CourseView>({ method: 'POST', path: `/growth/courses/${id(courseId)}/cancel` });
}

export function completeCourse(courseId: string): Promise<CourseView> {
  return request<CourseView>({ method: 'POST', path: `/growth/courses/${id(courseId)}/complete` });
}

export function mySignups(): Promise<SignupView[]> {
  return request<SignupView[]>({ path: '/growth/signups' });
}

// Advisors and 创业诊所

export function slots(kind: SlotKind): Promise<SlotView[]> {
  return request<SlotView[]>({ path: '/growth/slots', query: { kind } });
}

export function bookSlot(slotId: string, note: string): Promise<SlotView> {
  return request<SlotView>({ method: 'POST', path: `/growth/slots/${id(slotId)}/book`, data: { note } });
}

export function cancelBooking(slotId: string): Promise<SlotView> {
  return request<SlotView>({ method: 'POST', path: `/growth/slots/${id(slotId)}/cancel` });
}

export function myBookings(): Promise<SlotView[]> {
  return request<SlotView[]>({ path: '/growth/bookings' });
}

// Startups

export function contests(): Promise<ContestView[]> {
  return request<ContestView[]>({ path: '/growth/contests' });
}

export function registerContest(contestId: string, input: ContestRegistrationInput): Promise<ContestRegistrationView> {
  return request<ContestRegistrationView>({ method: 'POST', path: `/growth/contests/${id(contestId)}/register`, data: input });
}

export function myContestRegistrations(): Promise<ContestRegistrationView[]> {
  return request<ContestRegistrationView[]>({ path: '/growth/contest-registrations' });
}

export function incubators(): Promise<ContentSummary[]> {
  return request<ContentSummary[]>({ path: '/growth/incubators' });
}

export function applyPlace(input: PlaceApplicationInput): Promise<PlaceApplicationView> {
  return request<PlaceApplicationView>({ method: 'POST', path: '/growth/places', data: input });
}

export function myPlaces(): Promise<PlaceApplicationView[]> {
  return request<PlaceApplicationView[]>({ path: '/growth/places' });
}

// Stories

export function stories(cursor?: string): Promise<Page<StoryView>> {
  return request<Page<StoryView>>({ path: '/growth/stories', query: { cursor } });
}

export function createStory(input: StoryInput): Promise<StoryView> {
  return request<StoryView>({ method: 'POST', path: '/growth/stories', data: input });
}

export function uploadStoryVideo(storyId: string, filePath: string, name: string): Promise<StoryView> {
  return uploadFile<StoryView>(`/growth/stories/${id(storyId)}/video`, filePath, name);
}

export function likeStory(storyId: string, liked: boolean): Promise<LikeResult> {
  return request<LikeResult>({ method: 'POST', path: `/growth/stories/${id(storyId)}/like`, data: { liked } });
}

export function myStories(): Promise<StoryView[]> {
  return request<StoryView[]>({ path: '/growth/my-stories' });
}

// Staff

export function staffCourses(kind?: CourseKind): Promise<CourseView[]> {
  return request<CourseView[]>({ path: '/staff/growth/courses', query: { kind } });
}

export function createCourse(input: CourseInput): Promise<CourseView> {
  return request<CourseView>({ method: 'POST', path: '/staff/growth/courses', data: input });
}

export function courseAttendees(courseId: string): Promise<AttendeeView[]> {
  return request<AttendeeView[]>({ path: `/staff/growth/courses/${id(courseId)}/attendees` });
}

export function markTrainingCompleted(signupId: string): Promise<AttendeeView> {
  return request<AttendeeView>({ method: 'POST', path: `/staff/growth/signups/${id(signupId)}/complete` });
}

export function hostedSlots(kind?: SlotKind): Promise<SlotView[]> {
  return request<SlotView[]>({ path: '/staff/growth/slots', query: { kind } });
}

export function createSlots(input: SlotBatchInput): Promise<SlotView[]> {
  return request<SlotView[]>({ method: 'POST', path: '/staff/growth/slots', data: input });
}

export function withdrawSlot(slotId: string): Promise<SlotView> {
  return request<SlotView>({ method: 'POST', path: `/staff/growth/slots/${id(slotId)}/withdraw` });
}

export function staffContests(): Promise<ContestView[]> {
  return request<ContestView[]>({ path: '/staff/growth/contests' });
}

export function createContest(input: ContestInput): Promise<ContestView> {
  return request<ContestView>({ method: 'POST', path: '/staff/growth/contests', data: input });
}

export function placeQueue(status: PlaceStatus): Promise<PlaceApplicationView[]> {
  return request<PlaceApplicationView[]>({ path: '/staff/growth/places', query: { status } });
}

export function decidePlace(applicationId: string, input: DecisionInput): Promise<PlaceApplicationView> {
  return request<PlaceApplicationView>({ method: 'POST', path: `/staff/growth/places/${id(applicationId)}/decision`, data: input });
}

export function storyQueue(status: StoryStatus): Promise<StoryView[]> {
  return request<StoryView[]>({ path: '/staff/growth/stories', query: { status } });
}

export function decideStory(storyId: string, input: DecisionInput): Promise<StoryView> {
  return request<StoryView>({ method: 'POST', path: `/staff/growth/stories/${id(storyId)}/decision`, data: input });
}

export { apiFileUrl, downloadProtected, pickFile } from '../files';

/** Programs a training course can point to (the bureau's program list). */
export function subsidyProgramsForTraining(): Promise<SubsidyProgram[]> {
  return request<SubsidyProgram[]>({ path: '/staff/subsidy/programs' });
}

export function contestRegistrationsFor(contestId: string): Promise<ContestRegistrationView[]> {
  return request<ContestRegistrationView[]>({ path: `/staff/growth/contests/${id(contestId)}/registrations` });
}

export function updateCourse(courseId: string, input: CourseUpdateInput): Promise<CourseView> {
  return request<CourseView>({ method: 'PUT', path: `/staff/growth/courses/${id(courseId)}`, data: input });
}

export function cancelCourseByStaff(courseId: string, input: CancelInput): Promise<CourseView> {
  return request<CourseView>({ method: 'POST', path: `/staff/growth/courses/${id(courseId)}/cancel`, data: input });
}

export function rejectEnrolment(signupId: string, reason: string): Promise<AttendeeView> {
  return request<AttendeeView>({ method: 'POST', path: `/staff/growth/signups/${id(signupId)}/reject`, data: { reason } });
}

export function updateContest(contestId: string, input: ContestUpdateInput): Promise<ContestView> {
  return request<ContestView>({ method: 'PUT', path: `/staff/growth/contests/${id(contestId)}`, data: input });
}

export function cancelContest(contestId: string, input: CancelInput): Promise<ContestView> {
  return request<ContestView>({ method: 'POST', path: `/staff/growth/contests/${id(contestId)}/cancel`, data: input });
}

export function decideRegistration(registrationId: string, input: DecisionInput): Promise<ContestRegistrationView> {
  return request<ContestRegistrationView>({ method: 'POST', path: `/staff/growth/contest-registrations/${id(registrationId)}/decision`, data: input });
}

/** The subscribe template for growth notices; empty when WeChat notices are off. */
export function growthNoticeConfig(): Promise<GrowthNoticeConfig> {
  return request<GrowthNoticeConfig>({ path: '/growth/notice' });
}
