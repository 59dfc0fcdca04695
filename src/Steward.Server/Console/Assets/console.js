// Steward console: confirmations before destructive forms, and the live event log.
// Plain script, no build step; served from the assembly at /console/assets/console.js.
"use strict";

document.addEventListener("submit", (e) => {
  const question = e.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    e.preventDefault();
  }
});

document.addEventListener("DOMContentLoaded", () => {
  const live = document.querySelector("[data-stream]");
  if (live) {
    follow(live, document.querySelector("table.events tbody"));
  }
});

// Follows the server-sent-events stream with fetch rather than EventSource: each event carries its
// type as the SSE event name, and EventSource can only listen to names it knows in advance.
async function follow(status, rows) {
  let after = status.dataset.after || "0";
  const filter = (status.dataset.filter || "").toLowerCase();
  for (;;) {
    // Green while the stream is open; the server sends its headers with the first event, so an idle
    // stream is taken as open until it fails.
    status.classList.add("connected");
    try {
      const response = await fetch(status.dataset.stream + "?after=" + encodeURIComponent(after), {
        headers: { Accept: "text/event-stream" },
      });
      if (!response.ok || !(response.headers.get("content-type") || "").startsWith("text/event-stream")) {
        status.classList.remove("connected");
        if (response.redirected || response.status === 401) {
          window.location.href = "/console";
          return;
        }
      } else {
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
            if (data) {
              const event = JSON.parse(data);
              after = String(event.id);
              if (!filter || event.type.includes(filter) || event.subject_id.includes(filter)) {
                rows.prepend(row(event));
              }
            }
          }
        }
      }
    } catch {
      // The connection dropped; try again below.
    }
    status.classList.remove("connected");
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function row(event) {
  const tr = document.createElement("tr");
  tr.className = "new";
  const time = new Date(event.occurred_at).toISOString().slice(0, 16).replace("T", " ");
  const code = document.createElement("code");
  code.textContent = event.type;
  for (const value of [String(event.id), time, code, event.subject_id, event.actor_id]) {
    const td = document.createElement("td");
    if (typeof value === "string") td.textContent = value; else td.append(value);
    tr.append(td);
  }
  return tr;
}
