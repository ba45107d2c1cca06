import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import './zodConfig';
import { Root } from './Root';
import { requestPersistentStorage } from './features/storage/storageStatus';

// Ask at once that the browser never evict the records (IndexedDB is the only copy until a backup exists).
void requestPersistentStorage();

// The office red for buttons and the menu; inputs take a blue focus ring, so a focused field never looks like a
// field with an error (errors are red).
const FOCUS = '#1d5fbf';
// A PC set to reduce motion (Windows: 设置 → 辅助功能 → 动画效果; slow office PCs often are) gets dialogs and menus
// that appear and close at once: nothing is clickable while it is still sliding into place.
const REDUCED_MOTION = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const THEME: ThemeConfig = {
  zeroRuntime: true,
  token: { colorPrimary: '#b71c1c', borderRadius: 4, motion: !REDUCED_MOTION },
  components: {
    Input: { activeBorderColor: FOCUS, hoverBorderColor: FOCUS, activeShadow: '0 0 0 2px rgba(29, 95, 191, 0.15)' },
    InputNumber: { activeBorderColor: FOCUS, hoverBorderColor: FOCUS, activeShadow: '0 0 0 2px rgba(29, 95, 191, 0.15)' },
    Select: { activeBorderColor: FOCUS, hoverBorderColor: FOCUS, activeOutlineColor: 'rgba(29, 95, 191, 0.15)' },
  },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={THEME}>
      <AntApp>
        <Root />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
