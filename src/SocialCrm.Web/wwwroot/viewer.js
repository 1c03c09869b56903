// The viewer's time zone, for showing every time in it (read by the console through JS interop).
window.socialCrm = {
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
  download: (url) => { window.location.href = url; },
};
