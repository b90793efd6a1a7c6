/**
 * `<VoirsDemo />`: a mount point for the live demo (plain DOM code in `demo/`), loaded in the
 * browser only, after the page has hydrated.
 */
import { defineComponent, h, onBeforeUnmount, onMounted, ref } from 'vue';

export default defineComponent({
  name: 'VoirsDemo',
  setup() {
    const root = ref<HTMLElement>();
    let unmount: (() => void) | undefined;
    let gone = false;
    onMounted(async () => {
      if (import.meta.env.SSR) return;
      const { mountDemo } = await import('../../demo/demo-app.js');
      if (!gone && root.value !== undefined) unmount = mountDemo(root.value);
    });
    onBeforeUnmount(() => {
      gone = true;
      unmount?.();
    });
    return () => h('div', { ref: root, class: 'voirs-demo' }, 'Loading the demo…');
  },
});
