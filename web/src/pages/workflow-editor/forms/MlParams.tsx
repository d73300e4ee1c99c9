// The machine-learning task types: MLFLOW (projects: preset algorithm, AutoML or a custom
// MLproject; models: serve with mlflow or docker), DVC (init, upload, download a data version)
// and OPENMLDB (SQL against an OpenMLDB cluster, offline or online).
import { Col, Input, Radio, Row, Select, Switch } from 'antd';
import { CodeEditor } from '../CodeEditor';
import {
  DVC_DOWNLOAD,
  DVC_INIT,
  DVC_UPLOAD,
  MLFLOW_ALGORITHMS,
  MLFLOW_AUTOML_TOOLS,
  MLFLOW_DEPLOY_TYPES,
  MLFLOW_JOB_TYPES,
  MLFLOW_MODELS,
  MLFLOW_PROJECTS,
} from '../taskTypes';
import { Field, ParamsFormProps, str } from './Field';

function TextField({ name, label, required, p, placeholder }: { name: string; label: string; required?: boolean; p: ParamsFormProps; placeholder?: string }) {
  return (
    <Field label={label} required={required} error={p.errors[name]} testId={`param-${name}`}>
      <Input value={str(p.params[name])} onChange={(e) => p.setParams({ [name]: e.target.value })} placeholder={placeholder} data-testid={`param-${name}`} />
    </Field>
  );
}

export function MlflowParams(p: ParamsFormProps) {
  const { params, setParams, tx } = p;
  const models = params.mlflowTaskType === MLFLOW_MODELS;
  const job = str(params.mlflowJobType) || 'CustomProject';
  return (
    <>
      <Field label={tx('mlflow.taskType')}>
        <Radio.Group value={models ? MLFLOW_MODELS : MLFLOW_PROJECTS} onChange={(e) => setParams({ mlflowTaskType: e.target.value })} optionType="button" data-testid="mlflow-task-type">
          <Radio value={MLFLOW_PROJECTS}>{MLFLOW_PROJECTS}</Radio>
          <Radio value={MLFLOW_MODELS}>{MLFLOW_MODELS}</Radio>
        </Radio.Group>
      </Field>
      <TextField name="mlflowTrackingUri" label={tx('mlflow.trackingUri')} required p={p} placeholder="http://127.0.0.1:5000" />
      {!models && (
        <>
          <Row gutter={12}>
            <Col span={12}>
              <Field label={tx('mlflow.jobType')} required error={p.errors.mlflowJobType}>
                <Select value={job} onChange={(mlflowJobType) => setParams({ mlflowJobType })} options={MLFLOW_JOB_TYPES.map((j) => ({ value: j, label: tx(`mlflow.job.${j}`) }))} data-testid="mlflow-job-type" />
              </Field>
            </Col>
            <Col span={12}>
              <TextField name="experimentName" label={tx('mlflow.experiment')} p={p} placeholder="Default" />
            </Col>
          </Row>
          {job === 'CustomProject' ? (
            <>
              <TextField name="mlflowProjectRepository" label={tx('mlflow.repository')} required p={p} placeholder="https://github.com/mlflow/mlflow#examples/xgboost/xgboost_native" />
              <TextField name="mlflowProjectVersion" label={tx('mlflow.repositoryVersion')} p={p} placeholder="main" />
              <TextField name="params" label={tx('mlflow.customParams')} p={p} placeholder="-P learning_rate=0.2 -P colsample_bytree=0.8" />
            </>
          ) : (
            <>
              <TextField name="dataPath" label={tx('mlflow.dataPath')} required p={p} placeholder="/data/iris.csv" />
              {job === 'BasicAlgorithm' ? (
                <Row gutter={12}>
                  <Col span={12}>
                    <Field label={tx('mlflow.algorithm')}>
                      <Select value={str(params.algorithm) || 'svm'} onChange={(algorithm) => setParams({ algorithm })} options={MLFLOW_ALGORITHMS.map((a) => ({ value: a, label: a }))} />
                    </Field>
                  </Col>
                  <Col span={12}>
                    <TextField name="searchParams" label={tx('mlflow.searchParams')} p={p} placeholder="max_depth=[5, 10];n_estimators=[100, 200]" />
                  </Col>
                </Row>
              ) : (
                <Field label={tx('mlflow.automlTool')}>
                  <Select value={str(params.automlTool) || 'flaml'} onChange={(automlTool) => setParams({ automlTool })} options={MLFLOW_AUTOML_TOOLS.map((a) => ({ value: a, label: a }))} />
                </Field>
              )}
              <TextField name="params" label={tx('mlflow.params')} p={p} placeholder="n_estimators=200;learning_rate=0.1" />
              <Field label={tx('mlflow.registerModel')}>
                <Switch checked={!!params.registerModel} onChange={(registerModel) => setParams({ registerModel })} />
              </Field>
              {!!params.registerModel && <TextField name="modelName" label={tx('mlflow.modelName')} required p={p} />}
            </>
          )}
        </>
      )}
      {models && (
        <>
          <Field label={tx('mlflow.deployType')}>
            <Radio.Group value={str(params.deployType) || 'MLFLOW'} onChange={(e) => setParams({ deployType: e.target.value })} optionType="button">
              {MLFLOW_DEPLOY_TYPES.map((d) => (
                <Radio key={d} value={d}>
                  {d}
                </Radio>
              ))}
            </Radio.Group>
          </Field>
          <TextField name="deployModelKey" label={tx('mlflow.modelKey')} required p={p} placeholder="models:/iris/Production" />
          <TextField name="deployPort" label={tx('mlflow.port')} required p={p} placeholder="7000" />
        </>
      )}
    </>
  );
}

export function DvcParams(p: ParamsFormProps) {
  const { params, setParams, tx } = p;
  const type = str(params.dvcTaskType) || DVC_UPLOAD;
  return (
    <>
      <Field label={tx('dvc.taskType')}>
        <Radio.Group value={type} onChange={(e) => setParams({ dvcTaskType: e.target.value })} optionType="button" data-testid="dvc-task-type">
          {[DVC_UPLOAD, DVC_DOWNLOAD, DVC_INIT].map((d) => (
            <Radio key={d} value={d}>
              {tx(`dvc.type.${d.replace(' ', '')}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Field>
      <TextField name="dvcRepository" label={tx('dvc.repository')} required p={p} placeholder="git@github.com:org/dvc-data.git" />
      {type === DVC_INIT ? (
        <TextField name="dvcStoreUrl" label={tx('dvc.storeUrl')} required p={p} placeholder="s3://bucket/dvc" />
      ) : (
        <>
          <TextField name="dvcDataLocation" label={tx('dvc.dataLocation')} required p={p} placeholder="data/train" />
          <TextField name="dvcLoadSaveDataPath" label={type === DVC_UPLOAD ? tx('dvc.sourcePath') : tx('dvc.targetPath')} required p={p} placeholder="/tmp/train" />
          <TextField name="dvcVersion" label={tx('dvc.version')} required p={p} placeholder="v1.0" />
          {type === DVC_UPLOAD && <TextField name="dvcMessage" label={tx('dvc.message')} required p={p} />}
        </>
      )}
    </>
  );
}

export function OpenmldbParams(p: ParamsFormProps) {
  const { params, setParams, errors, tx } = p;
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <TextField name="zk" label={tx('openmldb.zk')} required p={p} placeholder="127.0.0.1:2181" />
        </Col>
        <Col span={12}>
          <TextField name="zkPath" label={tx('openmldb.zkPath')} required p={p} placeholder="/openmldb" />
        </Col>
      </Row>
      <Field label={tx('openmldb.mode')}>
        <Radio.Group value={str(params.executeMode) || 'offline'} onChange={(e) => setParams({ executeMode: e.target.value })} optionType="button" data-testid="openmldb-mode">
          <Radio value="offline">{tx('openmldb.offline')}</Radio>
          <Radio value="online">{tx('openmldb.online')}</Radio>
        </Radio.Group>
      </Field>
      <Field label={tx('openmldb.sql')} required error={errors.sql} testId="openmldb-sql">
        <CodeEditor value={str(params.sql)} onChange={(sql) => setParams({ sql })} language="sql" testId="openmldb-sql" invalid={!!errors.sql} />
      </Field>
    </>
  );
}
