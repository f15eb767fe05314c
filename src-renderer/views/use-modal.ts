import { type RefObject, useEffect, useRef, useState } from 'react';

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

// The open modals, innermost last: only that one answers Escape and keeps Tab inside it.
const open: RefObject<HTMLElement | null>[] = [];

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.matches(':disabled') && el.getClientRects().length > 0,
  );
}

/**
 * What makes a dialog modal for the keyboard: Escape closes it, Tab and Shift+Tab stay inside it (wrapping round),
 * and when it closes the focus goes back to what had it when the dialog opened (the ヘルプ button, say).
 */
export function useModal(ref: RefObject<HTMLElement | null>, onClose: () => void): void {
  // Read while rendering, before the dialog's autoFocus moves the focus into it.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const node = ref.current;
    open.push(ref);
    const onKeyDown = (event: KeyboardEvent) => {
      const root = ref.current;
      if (!root || open.at(-1) !== ref) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        close.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const items = focusables(root);
      if (items.length === 0) return;
      const first = items[0]!;
      const last = items.at(-1)!;
      const inside = root.contains(document.activeElement);
      if (
        !inside ||
        (event.shiftKey && document.activeElement === first) ||
        (!event.shiftKey && document.activeElement === last)
      ) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      open.splice(open.indexOf(ref), 1);
      // Still on the page: React's StrictMode rehearsing an unmount, not the dialog closing.
      if (node?.isConnected) return;
      if (opener?.isConnected && opener !== document.body) opener.focus();
    };
  }, [ref, opener]);
}
