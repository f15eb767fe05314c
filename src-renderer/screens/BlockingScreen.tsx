import { type ReactNode } from 'react';
import { type ScreenActions } from './screen-props';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { SupportContact } from '../views/SupportContact';

/** The frame every startup screen shares: a heading, what happened, what to do, and where to get help. */
export function BlockingScreen(props: {
  id: string;
  title: string;
  children: ReactNode;
  state: LaunchState;
  actions: ScreenActions;
  support?: boolean;
}) {
  return (
    <section className="panel screen" aria-labelledby={`${props.id}-title`} data-screen={props.id}>
      <h1 id={`${props.id}-title`}>{props.title}</h1>
      {props.children}
      {props.support !== false && (
        <SupportContact support={props.state.support} onWebForm={() => props.actions.open('support-form')} />
      )}
    </section>
  );
}
