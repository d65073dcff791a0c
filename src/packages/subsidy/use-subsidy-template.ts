import { useEffect, useState } from 'react';
import { subscriptionSettings } from '@/services/api/subscription';

/**
 * The 补贴进度 subscribe template, asked for on the submit tap so that each decision can reach the
 * applicant on WeChat; undefined when it is not configured or cannot be read (the page still works).
 */
export function useSubsidyTemplate(): string | undefined {
  const [template, setTemplate] = useState<string>();
  useEffect(() => {
    subscriptionSettings()
      .then(settings => setTemplate(settings.templates.find(t => t.topic === 'subsidy')?.templateId))
      .catch(() => setTemplate(undefined));
  }, []);
  return template;
}
