// Undo/redo over an immutable value. set() records a step; setSilently() changes the present
// without one (used while a node is being dragged); checkpoint(snapshot) then records the
// drag as a single step from the snapshot. reset() starts a fresh history (after load/save).
import { useCallback, useReducer } from 'react';

interface HistoryState<T> {
  past: T[];
  present: T;
  future: T[];
}

type Action<T> =
  | { kind: 'set'; value: T; record: boolean }
  | { kind: 'checkpoint'; snapshot: T }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'reset'; value: T };

const LIMIT = 100;

export function historyReducer<T>(state: HistoryState<T>, action: Action<T>): HistoryState<T> {
  switch (action.kind) {
    case 'set':
      if (action.value === state.present) return state;
      if (!action.record) return { ...state, present: action.value };
      return { past: [...state.past, state.present].slice(-LIMIT), present: action.value, future: [] };
    case 'checkpoint':
      if (action.snapshot === state.present) return state;
      return { past: [...state.past, action.snapshot].slice(-LIMIT), present: state.present, future: [] };
    case 'undo':
      if (!state.past.length) return state;
      return { past: state.past.slice(0, -1), present: state.past[state.past.length - 1], future: [state.present, ...state.future] };
    case 'redo':
      if (!state.future.length) return state;
      return { past: [...state.past, state.present], present: state.future[0], future: state.future.slice(1) };
    case 'reset':
      return { past: [], present: action.value, future: [] };
  }
}

export function useHistory<T>(initial: T) {
  const [state, dispatch] = useReducer(historyReducer<T>, { past: [], present: initial, future: [] });
  return {
    present: state.present,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
    set: useCallback((value: T) => dispatch({ kind: 'set', value, record: true }), []),
    setSilently: useCallback((value: T) => dispatch({ kind: 'set', value, record: false }), []),
    checkpoint: useCallback((snapshot: T) => dispatch({ kind: 'checkpoint', snapshot }), []),
    undo: useCallback(() => dispatch({ kind: 'undo' }), []),
    redo: useCallback(() => dispatch({ kind: 'redo' }), []),
    reset: useCallback((value: T) => dispatch({ kind: 'reset', value }), []),
  };
}
