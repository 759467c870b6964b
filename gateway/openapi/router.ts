import { rejectOtherMethods } from '../middleware/method-not-allowed.ts';
import { Router } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import express from 'express';
import { openApiDocument } from './document.ts';

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Todo Chatbot API</title>
<link rel="stylesheet" href="./docs/assets/swagger-ui.css"></head>
<body><div id="api"></div>
<script src="./docs/assets/swagger-ui-bundle.js"></script>
<script src="./docs/init.js"></script></body></html>`;

const init = `window.ui = SwaggerUIBundle({ url: './openapi.json', dom_id: '#api' });`;

/** The OpenAPI document as JSON, and a browsable page (Swagger UI, served from the package). */
export function openApiRouter(): Router {
  const document = openApiDocument();
  const router = Router();
  router.get('/openapi.json', (_request, response) => {
    response.json(document);
  });
  router.get('/docs', (_request, response) => {
    // Swagger UI needs no inline script; its assets come from this server.
    response.type('html').send(page);
  });
  router.get('/docs/init.js', (_request, response) => {
    response.type('application/javascript').send(init);
  });
  router.use('/docs/assets', express.static(getAbsoluteFSPath(), { index: false, maxAge: '1d' }));
  return rejectOtherMethods(router);
}
