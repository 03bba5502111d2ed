/** Non-JSON bodies: Odoo's werkzeug error pages and the reverse proxy's pages. */
const page = (title: string, text: string): string =>
  `<!DOCTYPE html>\n<html lang="en">\n<head><title>${title}</title></head>\n<body><h1>${title}</h1><p>${text}</p></body>\n</html>\n`;

export const ODOO_NOT_FOUND_PAGE = page(
  '404: Not Found',
  'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
);
export const ODOO_METHOD_NOT_ALLOWED_PAGE = page('405: Method Not Allowed', 'The method is not allowed for the requested URL.');
export const PROXY_BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
export const PROXY_TOO_MANY_REQUESTS_PAGE =
  '<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
/** A list cut short, as when a worker dies mid-response. */
export const MALFORMED_JSON_BODY = '[{"id": 1, "name": "Azure Interior", "contact_email": "info@azure';
