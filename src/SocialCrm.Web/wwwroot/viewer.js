// The viewer's time zone, for showing every time in it, and the case view's keyboard shortcuts (read by the console through JS interop).
window.socialCrm = {
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
  width: () => window.innerWidth,
  scrollTo: (id) => document.getElementById(id)?.scrollIntoView({ behavior: "smooth", block: "start" }),
  // The workflow studio's code editor (Monaco, from the BlazorMonaco package) is large: load it only on that page.
  loadEditor: () => window.socialCrm._editor ??= ["_content/BlazorMonaco/jsInterop.js", "_content/BlazorMonaco/lib/monaco-editor/min/vs/loader.js",
    "_content/BlazorMonaco/lib/monaco-editor/min/vs/editor/editor.main.js"].reduce((previous, src) => previous.then(() => new Promise((done, fail) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => done(true);
      script.onerror = () => fail(new Error(`could not load ${src}`));
      document.head.appendChild(script);
    })), Promise.resolve(true)),
  caseShortcuts: (component) => {
    if (window.socialCrm._keys) document.removeEventListener("keydown", window.socialCrm._keys);
    window.socialCrm._keys = null;
    if (!component) return;
    window.socialCrm._keys = (e) => {
      const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement?.tagName);
      if (e.ctrlKey && e.key === "Enter") { e.preventDefault(); component.invokeMethodAsync("Shortcut", "send"); return; }
      if (typing || e.ctrlKey || e.altKey || e.metaKey) return;
      if (e.key === "Escape") { component.invokeMethodAsync("Shortcut", "escape"); return; }
      if (["c", "p", "s"].includes(e.key)) component.invokeMethodAsync("Shortcut", e.key);
    };
    document.addEventListener("keydown", window.socialCrm._keys);
  },
};
