// The notebook type of runbooks (package.json contributes.notebooks); its serializer is registered at start-up.
export const RUNBOOK_NOTEBOOK_TYPE = 'phoenix-runbook';
