import { z } from 'zod';

// Validation messages that reach users must be Chinese; our schemas set their own messages, zod's zh-CN locale
// covers the rest.
z.config(z.locales.zhCN());

export { z };
