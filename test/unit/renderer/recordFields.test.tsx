import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App, Form, type FormInstance } from 'antd';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordFields } from '../../../renderer/components/records/RecordFields';
import { formLeaves, formSections, submitRecord } from '../../../renderer/components/records/recordForm';
import { secondmentType } from '../../../shared/domain/cultivation';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// what jsdom lacks and antd's inputs ask for: nothing here is laid out, so nothing is ever resized
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
window.matchMedia ??= (query: string) =>
  ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) as MediaQueryList;

// A field's message from the last save goes when the person changes that field (it spoke of the old value);
// the other fields' messages stay until the next save checks everything again.

let container: HTMLDivElement;
let root: Root;
let form: FormInstance | undefined;

function Harness() {
  const [f] = Form.useForm();
  form = f;
  return (
    <App>
      <Form form={f} layout="vertical" initialValues={{ region: '', hostUnit: '西湖区发改局', from: '2024-03', to: '2024-13' }}>
        <RecordFields sections={formSections(secondmentType)} columns={2} />
      </Form>
    </App>
  );
}

/** Waits for what antd shows after its debounce and motion (a person sees it a moment later, too). */
async function eventually(check: () => void) {
  for (let i = 0; ; i++) {
    try {
      check();
      return;
    } catch (e) {
      if (i >= 100) throw e;
      await act(async () => new Promise((r) => setTimeout(r, 20)));
    }
  }
}

const marked = (input: Element) => input.closest('.ant-form-item')!.classList.contains('ant-form-item-has-error');

/** Types into an input as React sees a person typing. */
function type(input: HTMLInputElement, text: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

beforeEach(async () => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(<Harness />));
});
afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

describe('a record form’s messages', () => {
  it('go from a field once it is changed, and stay on the fields not changed', async () => {
    let saved = false;
    await act(async () => {
      await submitRecord(form!, secondmentType, formLeaves(secondmentType), { cadreId: 'c1' }, async () => void (saved = true));
    });
    expect(saved).toBe(false);
    const toMessage = form!.getFieldError(['to']);
    expect(toMessage).toHaveLength(1);
    expect(toMessage[0]).toContain('截止时间');
    const regionMessage = form!.getFieldError(['region']);
    expect(regionMessage).toHaveLength(1);
    const to = container.querySelector<HTMLInputElement>('input[aria-label="截止时间"]')!;
    const region = container.querySelector<HTMLInputElement>('input[aria-label="挂职地区"]')!;
    await eventually(() => expect(container.textContent).toContain(toMessage[0]));
    await eventually(() => expect([marked(to), marked(region)]).toEqual([true, true]));
    await act(async () => type(to, '2024-06'));
    expect(form!.getFieldError(['to'])).toEqual([]);
    // unmarked (the message text itself leaves with antd's animation, which jsdom never finishes)
    await eventually(() => expect(marked(to)).toBe(false));
    // the field not touched keeps its message until the next save
    expect(form!.getFieldError(['region'])).toEqual(regionMessage);
    expect(marked(region)).toBe(true);
  });
});
