// Success and error toasts through antd's App context, and a mutation hook that shows them and
// refreshes the named queries afterwards.
import { App } from 'antd';
import { QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, SessionExpiredError } from '../api/client';

export function useFeedback() {
  const { message } = App.useApp();
  return {
    ok: (text: string) => message.success(text),
    fail: (error: unknown) => {
      if (error instanceof SessionExpiredError) return; // the login page explains it
      message.error({ content: errorMessage(error), duration: 6 });
    },
  };
}

interface ActionOptions<TArgs, TResult> {
  run: (args: TArgs) => Promise<TResult>;
  success?: string | ((result: TResult, args: TArgs) => string);
  invalidate?: QueryKey[];
  onDone?: (result: TResult, args: TArgs) => void;
}

export function useAction<TArgs = void, TResult = unknown>(options: ActionOptions<TArgs, TResult>) {
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  return useMutation<TResult, unknown, TArgs>({
    mutationFn: options.run,
    onSuccess: async (result, args) => {
      if (options.success) {
        feedback.ok(typeof options.success === 'function' ? options.success(result, args) : options.success);
      }
      await Promise.all((options.invalidate ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      options.onDone?.(result, args);
    },
    onError: (error) => feedback.fail(error),
  });
}
