/* Renders /openapi.json with Swagger UI, loaded from the shop itself (the swagger-ui-dist package). */
/* global SwaggerUIBundle */
window.addEventListener('DOMContentLoaded', () => {
  // @ts-expect-error -- SwaggerUIBundle is the global the bundle script defines.
  SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    // Nothing leaves for a validator elsewhere.
    validatorUrl: null,
    tryItOutEnabled: false,
    persistAuthorization: false,
    defaultModelsExpandDepth: 0,
    docExpansion: 'list',
  });
});
