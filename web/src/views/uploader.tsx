import { useRef, useState } from 'preact/hooks';
import { uploadResumes } from '../api/upload.js';
import { fileSize, percent } from '../lib/format.js';
import { uploadName } from '../lib/identity.js';
import { overallProgress, type UploadItem } from '../lib/uploads.js';
import { useSession } from '../session.js';

const STATUS_WORDS: Record<UploadItem['status'], string> = {
  queued: 'Waiting',
  uploading: 'Uploading',
  processing: 'Reading and analysing',
  done: 'Stored',
  duplicate: 'Already stored: same file',
  failed: 'Refused',
};

/** "2 stored, 1 already stored, 1 refused" (the parts that are not zero, stored always). */
function tally({ done, duplicate, failed }: { done: number; duplicate: number; failed: number }): string {
  return [`${done} stored`, duplicate > 0 && `${duplicate} already stored`, failed > 0 && `${failed} refused`].filter(Boolean).join(', ');
}

/**
 * Drop zone for many resumes (or a file picker: the zone is a label of the file input, so keyboard
 * and screen-reader users get the browser's own picker), with a progress bar per file and overall.
 * Files go through the bulk endpoint (api/upload.ts); each one's state follows its ingest job.
 */
export function Uploader({ onUploaded }: { onUploaded: () => void }) {
  const { apiKey, blind, announce } = useSession();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const start = async (files: File[]) => {
    if (!files.length || busy) return;
    setBusy(true);
    const finished = await uploadResumes(apiKey, files, setItems);
    setBusy(false);
    if (input.current) input.current.value = '';
    announce(`Upload finished: ${tally(overallProgress(finished))}.`);
    onUploaded();
  };

  const overall = overallProgress(items);
  return (
    <section aria-labelledby="upload-title">
      <h2 id="upload-title">Upload resumes</h2>
      <label
        class={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void start([...(event.dataTransfer?.files ?? [])]);
        }}
      >
        <span>
          <strong>Drop resumes here</strong> or choose files (PDF, DOCX or TXT, or a zip of them; many at once)
        </span>
        <input
          ref={input}
          type="file"
          multiple
          accept=".pdf,.docx,.txt,.zip,application/zip,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
          disabled={busy}
          onChange={(event) => void start([...(event.currentTarget.files ?? [])])}
        />
      </label>
      {items.length > 0 && (
        <div class="uploads">
          <div class="overall">
            <label for="upload-overall">
              {overall.finished ? 'Done' : 'Uploading'}: {overall.done} of {items.length} stored
              {overall.duplicate > 0 && `, ${overall.duplicate} already stored`}
              {overall.failed > 0 && `, ${overall.failed} refused`}
            </label>
            <progress id="upload-overall" max={1} value={overall.fraction} />
          </div>
          <ul aria-label="Files">
            {items.map((item) => (
              <li key={item.index} class={`upload ${item.status}`}>
                <div class="upload-head">
                  <span class="file-name">{uploadName(item, item.index, items.length, blind)}</span>
                  <span class="muted">{fileSize(item.size)}</span>
                  <span class="status">
                    {STATUS_WORDS[item.status]}
                    {item.status === 'uploading' && ` ${percent(item.size ? item.loaded / item.size : 1)}`}
                  </span>
                </div>
                <progress
                  max={item.size || 1}
                  value={item.loaded}
                  aria-label={`Progress of ${uploadName(item, item.index, items.length, blind)}`}
                />
                {item.note && <p class="small muted">{item.note}</p>}
                {item.error && (
                  <div class="error" role="alert">
                    <p>{item.error.message}</p>
                    {item.error.detail && <p class="detail">{item.error.detail}</p>}
                  </div>
                )}
                {item.resumeId && (
                  <a href={`#/resumes/${item.resumeId}`} class="small">
                    Open
                  </a>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
