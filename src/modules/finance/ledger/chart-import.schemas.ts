import { FinanceImportResult, ImportBody } from '../finance.import.js';

export const CHART_COLUMNS = ['code', 'name', 'type', 'parent_code', 'is_group', 'description'] as const;
export const ImportChartBody = ImportBody(
  'code,name,type[,parent_code,is_group,description]; type is asset, liability, equity, income or expense; a parent is a group account already in the chart or on an earlier row',
).openapi('ImportChartRequest');
export const ImportChartResult = FinanceImportResult;
