// Keeps unsaved edits from being lost silently. While `active`, closing or reloading the tab
// triggers the browser's own prompt, and navigating inside the app (links, navigate(), the
// browser's back/forward buttons) first asks `confirm()`; the navigation happens only if it
// resolves true. Works with the plain <BrowserRouter> (which has no useBlocker) by wrapping the
// router's navigator and intercepting popstate before the router sees it. bypass(fn) lets one
// navigation through without asking (after a successful save).
import { useContext, useEffect, useRef } from 'react';
import { UNSAFE_NavigationContext } from 'react-router-dom';

type Navigator = {
  push: (...args: unknown[]) => void;
  replace: (...args: unknown[]) => void;
};

export function useLeaveGuard(active: boolean, confirm: () => Promise<boolean>) {
  const { navigator } = useContext(UNSAFE_NavigationContext) as unknown as { navigator: Navigator };
  const confirmRef = useRef(confirm);
  confirmRef.current = confirm;
  const bypassRef = useRef(false);

  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);

    const push = navigator.push;
    const replace = navigator.replace;
    let asking = false;
    const guarded =
      (original: (...args: unknown[]) => void) =>
      (...args: unknown[]) => {
        if (bypassRef.current) {
          bypassRef.current = false;
          original.apply(navigator, args);
          return;
        }
        if (asking) return;
        asking = true;
        void confirmRef.current().then((leave) => {
          asking = false;
          if (leave) {
            navigator.push = push;
            navigator.replace = replace;
            original.apply(navigator, args);
          }
        });
      };
    navigator.push = guarded(push);
    navigator.replace = guarded(replace);

    // Back/forward: put the editor's entry back before the router reacts, then ask.
    const here = { url: window.location.href, state: window.history.state };
    let leaving = false;
    const onPopState = (event: PopStateEvent) => {
      if (leaving) return;
      event.stopImmediatePropagation();
      window.history.pushState(here.state, '', here.url);
      if (asking) return;
      asking = true;
      void confirmRef.current().then((leave) => {
        asking = false;
        if (leave) {
          leaving = true;
          window.removeEventListener('popstate', onPopState, true);
          window.history.go(-1);
        }
      });
    };
    window.addEventListener('popstate', onPopState, true);

    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('popstate', onPopState, true);
      if (navigator.push !== push) navigator.push = push;
      if (navigator.replace !== replace) navigator.replace = replace;
    };
  }, [active, navigator]);

  /** Runs fn (which navigates) without asking, e.g. right after a successful save. */
  return {
    bypass: (fn: () => void) => {
      bypassRef.current = true;
      try {
        fn();
      } finally {
        bypassRef.current = false;
      }
    },
  };
}
