import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';

// A PowerPoint template whose master links an OLE object at file:///etc/passwd: copied as it was, every deck
// relm wrote would carry the link.
export default async function (dir) {
  const rels = (r) => `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${r}</Relationships>`;
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('_rels/.rels', rels('<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/>'));
  zip.file('ppt/presentation.xml', '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>');
  zip.file(
    'ppt/_rels/presentation.xml.rels',
    rels('<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="file:///etc/passwd" TargetMode="External"/>'),
  );
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'templates', 'presentation.pptx'), await zip.generateAsync({ type: 'uint8array' }));
}
