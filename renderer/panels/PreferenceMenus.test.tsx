// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { i18n } from '../i18n';
import { LANGUAGE_KEY } from '../i18n/language';
import { setup } from '../test-support';
import { Toolbar } from './Toolbar';

afterEach(async () => {
  cleanup();
  localStorage.clear();
  await act(() => i18n.changeLanguage('en'));
});

const flow: Flow = { flowsmith: '1.0', name: 'deploy', start: 'done', steps: { done: { type: 'succeed' } } };

describe('Language menu', () => {
  it('switches the whole toolbar to Chinese, keeps the choice, and goes back to the system language', () => {
    // Given the toolbar in English (jsdom's navigator language is en-US)
    const { wrapper } = setup(flow);
    render(<Toolbar />, { wrapper });
    expect(screen.getByRole('button', { name: 'Run' })).toBeTruthy();

    // When I pick 简体中文 in the Language menu
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'zh-CN' } });

    // Then the commands read in Chinese, <html lang> follows, and the choice is stored
    expect(screen.getByRole('button', { name: '运行' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '撤销' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Run' })).toBeNull();
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe('zh-CN');

    // And choosing the system language again forgets the choice
    fireEvent.change(screen.getByRole('combobox', { name: '语言' }), { target: { value: 'system' } });
    expect(screen.getByRole('button', { name: 'Run' })).toBeTruthy();
    expect(localStorage.getItem(LANGUAGE_KEY)).toBeNull();
  });

  it('offers a Theme menu with system, light and dark', () => {
    const { wrapper } = setup(flow);
    render(<Toolbar />, { wrapper });
    const theme = screen.getByRole('combobox', { name: 'Theme' }) as HTMLSelectElement;
    expect([...theme.options].map((o) => o.value)).toEqual(['system', 'light', 'dark']);
    fireEvent.change(theme, { target: { value: 'dark' } });
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(theme.value).toBe('dark');
  });
});
