// dossier: search's web worker for pages opened from file://, where browsers refuse workers.
// The worker script runs in a hidden same-origin iframe instead, as the iframe-worker shim
// does, but without writing an inline <script> into that iframe: the pages' Content Security
// Policy (script-src 'self', inherited by the iframe) forbids inline scripts, so the worker's
// postMessage and importScripts are given to the iframe from here and its script is loaded
// by address. Loaded by frame.js on file:// only; over http Material's own Worker runs.
(function () {
  if (location.protocol !== "file:") return;
  function FileWorker(url) {
    var target = new EventTarget(), self = this;
    var frame = document.createElement("iframe");
    frame.hidden = true;
    document.body.appendChild(frame);
    var w = frame.contentWindow, doc = w.document;
    // What the worker says comes straight back as this worker's "message" event.
    w.postMessage = function (data) {
      var event = new MessageEvent("message", { data: data });
      target.dispatchEvent(event);
      if (self.onmessage) self.onmessage(event);
    };
    w.importScripts = function () {
      return Array.prototype.reduce.call(arguments, function (done, src) {
        return done.then(function () {
          return new Promise(function (resolve, reject) {
            var script = doc.createElement("script");
            script.src = src; script.onload = resolve; script.onerror = reject;
            doc.body.appendChild(script);
          });
        });
      }, Promise.resolve());
    };
    w.addEventListener("error", function (e) {
      var event = new ErrorEvent("error", { message: e.message, filename: e.filename, lineno: e.lineno, colno: e.colno, error: e.error });
      target.dispatchEvent(event);
      if (self.onerror) self.onerror(event);
    });
    this.ready = w.importScripts(url);
    this.frame = frame; this.target = target; this.onmessage = null; this.onerror = null;
  }
  FileWorker.prototype.postMessage = function (data) {
    var w = this.frame.contentWindow;
    this.ready.then(function () { w.dispatchEvent(new MessageEvent("message", structuredClone({ data: data }))); });
  };
  FileWorker.prototype.terminate = function () { this.frame.remove(); };
  FileWorker.prototype.addEventListener = function (type, fn, options) { this.target.addEventListener(type, fn, options); };
  FileWorker.prototype.removeEventListener = function (type, fn, options) { this.target.removeEventListener(type, fn, options); };
  window.Worker = FileWorker;
})();
