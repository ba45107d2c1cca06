import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import '../shared/zodLocale';
import { Root } from './Root';
import { requestPersistentStorage } from './features/storage/storageStatus';
import './global.css';

// Ask at once that the browser never evict the records (IndexedDB is the only copy until a backup exists).
void requestPersistentStorage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4 } }}>
      <AntApp>
        <Root />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
