// Direct REST calls for test set-up (DolphinScheduler conventions: form-encoded bodies, the
// sessionId header, the {code,msg,data} envelope). Throws with the server's message on failure.
import fs from 'node:fs';

export class Api {
  constructor(baseUrl) {
    this.base = `${baseUrl}/dolphinscheduler`;
    this.sessionId = null;
  }

  async call(method, path, fields) {
    const headers = {};
    if (this.sessionId) headers.sessionId = this.sessionId;
    let url = `${this.base}${path}`;
    let body;
    if (fields instanceof FormData) body = fields;
    else if (fields && (method === 'GET' || method === 'DELETE')) url += `?${new URLSearchParams(fields)}`;
    else if (fields) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(fields).toString();
    }
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    if (response.status === 401) throw new Error(`${method} ${path}: HTTP 401`);
    const envelope = text ? JSON.parse(text) : null;
    if (envelope && typeof envelope.code === 'number' && envelope.code !== 0) {
      throw new Error(`${method} ${path}: code ${envelope.code} ${envelope.msg}`);
    }
    return envelope && 'data' in envelope ? envelope.data : envelope;
  }

  async login(userName = 'admin', userPassword = 'dolphinscheduler123') {
    const data = await this.call('POST', '/login', { userName, userPassword });
    this.sessionId = data.sessionId;
    return this;
  }

  /** Tenant + binding to the logged-in admin + project; returns the project code. */
  async prepareProject({ tenantCode, projectName }) {
    const queues = await this.call('GET', '/queues/list');
    const tenant = await this.call('POST', '/tenants', { tenantCode, queueId: String(queues[0].id), description: '' });
    const me = await this.call('GET', '/users/get-user-info');
    await this.call('POST', '/users/update', {
      id: String(me.id),
      userName: me.userName,
      userPassword: '',
      email: me.email || 'admin@example.com',
      tenantId: String(tenant.id),
      queue: '',
      phone: me.phone || '',
      state: '1',
    });
    const project = await this.call('POST', '/projects', { projectName, description: 'browser test' });
    return project.code;
  }

  async importFile(projectCode, file) {
    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(file)], { type: 'application/json' }), file.split('/').pop());
    await this.call('POST', `/projects/${projectCode}/process-definition/import`, form);
  }

  async definitions(projectCode) {
    const page = await this.call('GET', `/projects/${projectCode}/process-definition`, { pageNo: '1', pageSize: '50' });
    return page.totalList;
  }

  async release(projectCode, definition, releaseState = 'ONLINE') {
    await this.call('POST', `/projects/${projectCode}/process-definition/${definition.code}/release`, {
      name: definition.name,
      releaseState,
    });
  }

  async start(projectCode, definitionCode) {
    await this.call('POST', `/projects/${projectCode}/executors/start-process-instance`, {
      processDefinitionCode: String(definitionCode),
      scheduleTime: '',
      failureStrategy: 'CONTINUE',
      warningType: 'NONE',
      execType: 'START_PROCESS',
      taskDependType: 'TASK_POST',
      processInstancePriority: 'MEDIUM',
      workerGroup: 'default',
      dryRun: '0',
    });
  }

  async instances(projectCode, definitionCode) {
    const page = await this.call('GET', `/projects/${projectCode}/process-instances`, {
      pageNo: '1',
      pageSize: '20',
      processDefineCode: String(definitionCode),
    });
    return page.totalList;
  }
}
