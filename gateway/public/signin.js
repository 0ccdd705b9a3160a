/* The identity provider sends the person back here with a code; exchange it and return to the page. */
window.ncp.auth.completeSignIn().then(
  (next) => location.replace(next),
  (error) => {
    const status = document.getElementById("status");
    status.className = "error";
    status.textContent = error.message;
    status.append(" ", window.ncp.el("a", { href: "/workspace" }, "Back to the workspace"));
  },
);
