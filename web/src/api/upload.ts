import { ApiError } from '../lib/api-error.js';
import { uploadFiles, type UploadItem } from '../lib/uploads.js';
import type { ResumeView } from './client.js';

/**
 * POST /api/v1/resumes with one file. XMLHttpRequest rather than fetch: only it reports upload
 * progress in browsers. The multipart body is a little larger than the file, so progress is scaled
 * to the file's size; once every byte is sent the server is extracting, parsing and embedding.
 */
export function uploadResumeFile(apiKey: string, file: File, onProgress: (loaded: number) => void): Promise<ResumeView> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/v1/resumes');
    request.setRequestHeader('Authorization', `Bearer ${apiKey}`);
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.floor((event.loaded / event.total) * file.size));
    };
    request.upload.onload = () => onProgress(file.size);
    request.onload = () => {
      // 201 stored; any other 2xx (a re-upload the server recognises) is a success too.
      if (request.status >= 200 && request.status < 300) resolve(request.response as ResumeView);
      else reject(ApiError.fromBody(request.status, request.response));
    };
    request.onerror = () => reject(new ApiError(0));
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

/**
 * How the console sends a batch of resumes: today one POST /api/v1/resumes per file, a few at a
 * time (lib/uploads.ts). When the bulk endpoint (POST /api/v1/resumes/bulk) is on main, this is the
 * one function to change; the views only see the UploadItem updates.
 */
export function uploadResumes(apiKey: string, files: File[], onChange: (items: UploadItem[]) => void): Promise<UploadItem[]> {
  return uploadFiles(files, (file, onProgress) => uploadResumeFile(apiKey, file, onProgress), onChange);
}
