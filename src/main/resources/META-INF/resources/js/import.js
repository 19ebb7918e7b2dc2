// Upload with a progress bar: the form is sent with XMLHttpRequest so the browser reports upload
// progress; when the server answers (a redirect to the preview page), the page follows it.
// Without this script the form posts normally.
(function () {
  document.querySelectorAll('form.upload-form').forEach((form) => {
    form.addEventListener('submit', (event) => {
      const file = form.querySelector('input[type=file]');
      if (!file.files.length) return;
      event.preventDefault();
      const bar = form.querySelector('.upload-progress');
      const status = form.querySelector('.upload-status');
      const button = form.querySelector('button[type=submit]');
      bar.hidden = false;
      bar.value = 0;
      button.disabled = true;
      const xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) {
          bar.value = Math.round(100 * e.loaded / e.total);
          status.textContent = 'Uploading… ' + bar.value + '%';
        }
      });
      xhr.addEventListener('load', () => {
        if (xhr.status < 400) {
          status.textContent = 'Uploaded; opening the preview…';
          window.location.assign(xhr.responseURL);
          return;
        }
        button.disabled = false;
        const doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
        const message = doc.querySelector('.flash.error, .lead');
        status.textContent = 'The upload was refused (' + xhr.status + '): ' + (message ? message.textContent : 'see the server message.');
        status.classList.add('field-error');
      });
      xhr.addEventListener('error', () => {
        button.disabled = false;
        status.textContent = 'The upload failed: the connection was lost. Try again.';
      });
      xhr.send(new FormData(form));
    });
  });
})();
