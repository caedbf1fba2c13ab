import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog drawn in the page (not `window.confirm`, which blocks the renderer and which automated browsers
 * dismiss): focus moves in, Tab stays inside, Escape cancels, and focus returns where it was.
 */
export function Modal(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first =
      box.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      box.current?.querySelector<HTMLElement>('button, [href], input, select, textarea');
    first?.focus();
    return () => previous?.focus?.();
  }, []);

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose.current()}>
      <div
        ref={box}
        className={`modal${props.wide ? ' modal-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose.current();
          } else if (e.key === 'Tab') {
            const focusable = [
              ...(box.current?.querySelectorAll<HTMLElement>(
                'button:not(:disabled), [href], input, select, textarea',
              ) ?? []),
            ];
            if (focusable.length === 0) return;
            const first = focusable[0];
            const last = focusable[focusable.length - 1];
            if (e.shiftKey && document.activeElement === first) {
              e.preventDefault();
              last.focus();
            } else if (!e.shiftKey && document.activeElement === last) {
              e.preventDefault();
              first.focus();
            }
          }
        }}
      >
        <h2 id={titleId}>{props.title}</h2>
        <div className="modal-body">{props.children}</div>
        {props.footer && <div className="modal-footer">{props.footer}</div>}
      </div>
    </div>
  );
}
