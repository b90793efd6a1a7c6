/**
 * The site theme: VitePress's default theme plus the `<VoirsDemo />` component and the demo's
 * styles.
 */
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import VoirsDemo from './voirs-demo.js';
import './custom.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('VoirsDemo', VoirsDemo);
  },
} satisfies Theme;
