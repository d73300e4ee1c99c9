// Route reserved for the visual DAG editor (create: /projects/:pc/workflow/definitions/create,
// edit: /projects/:pc/workflow/definitions/:code/edit). Until the editor lands this page says so
// and offers the ways that already work: importing a file, or viewing the workflow read-only.
import { Button, Result, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useT } from '../../i18n';

export function WorkflowEditorPage() {
  const t = useT();
  const { projectCode, definitionCode } = useParams();
  return (
    <div className="page" data-testid="workflow-editor">
      <Result
        status="info"
        title={definitionCode ? t('editor.editTitle') : t('editor.createTitle')}
        subTitle={t('editor.notYet')}
        extra={
          <Space>
            <Link to={`/projects/${projectCode}/workflow/definitions?import=1`}>
              <Button type="primary">{t('import.button')}</Button>
            </Link>
            {definitionCode && (
              <Link to={`/projects/${projectCode}/workflow/definitions/${definitionCode}`}>
                <Button>{t('definition.viewDag')}</Button>
              </Link>
            )}
            <Link to={`/projects/${projectCode}/workflow/definitions`}>
              <Button>{t('definition.backToList')}</Button>
            </Link>
          </Space>
        }
      />
    </div>
  );
}
