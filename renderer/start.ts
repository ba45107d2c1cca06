import 'antd/dist/antd.css';
import './global.css';
import './buildId';

// The page's entry (docs/architecture.md "Start-up"). When the boot script has put the roster's snapshot in
// (renderer/public/snapshot-boot.js), the browser paints it before the app's chunk is fetched and evaluated: a
// preloaded entry would otherwise run its second of scripts first, and the snapshot would reach the screen only
// after it. The styles stay here, in the entry, so index.html links them and the snapshot is drawn styled.

const startApp = () =>
  import('./main').catch((error: unknown) => {
    // eslint-disable-next-line no-console -- nothing else can report it: the app that would has not loaded
    console.error('app failed to load', error);
    const root = document.getElementById('root');
    if (root) root.textContent = '程序未能启动：程序文件可能已损坏。请关闭后重新打开；若仍不能启动，请重新安装本软件（数据不会丢失）。';
  });

if (document.querySelector('#root > [data-snapshot]')) requestAnimationFrame(() => setTimeout(startApp, 0));
else void startApp();
