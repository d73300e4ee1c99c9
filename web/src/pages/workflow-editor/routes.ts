// Where the visual DAG editor lives. The list and detail pages link here for "create" and "edit".
export const editorCreatePath = (projectCode: number) => `/projects/${projectCode}/workflow/definitions/create`;
export const editorEditPath = (projectCode: number, code: number) => `/projects/${projectCode}/workflow/definitions/${code}/edit`;
