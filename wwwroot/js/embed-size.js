// The embed (/embed/{slug}) tells the partner page that frames it how tall it is, so the partner's
// snippet (event page, "Kanäle") can size the iframe without a scroll bar. Only the height is sent.
if (window.parent !== window) {
  var last = 0;
  var post = function () {
    var height = Math.ceil(document.documentElement.scrollHeight);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ ozgliveHeight: height }, '*');
    }
  };
  new ResizeObserver(post).observe(document.documentElement);
  post();
}
