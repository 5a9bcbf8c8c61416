// Interface language and number display. Chinese first, English as a switch (`lang=en` in the URL,
// else the `lang` cookie). This module is safe in client components: it imports nothing from node
// (the metric labels, which come from the taxonomy file, are resolved in lib/i18n-server.ts).

export type Lang = 'zh' | 'en';
export const LANG_COOKIE = 'lang';
/** The request header proxy.ts sets from the URL's `lang`, for the root layout (which cannot read the query). */
export const LANG_HEADER = 'x-figures-lang';

export function parseLang(value: string | string[] | undefined | null): Lang | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v === 'en' ? 'en' : v === 'zh' ? 'zh' : null;
}

// What a figure's codes are called and how values are written live in lib/vocab (units.ts, codes.ts,
// format.ts); re-exported here for the interface code that imported them from this module.
export { unitLabel } from './vocab/units';
export { qualifierLabel, qualifierMark } from './vocab/codes';
export { exactValue, formatValue, shortNumber } from './vocab/format';

/** Interface words. One flat table per language so a missing translation is a type error. */
const ZH = {
  nav_overview: '概览', nav_search: '搜索', nav_checks: '核查', nav_ingest: '导入', nav_export: '导出说明', nav_login: '登录',
  switch_to: 'English', switch_title: 'Switch to English',
  overview_title: '基层数字概览',
  all_metrics: '全部指标（按条数）',
  metric: '指标', district: '区县', street: '街道', community: '社区/村', from: '起始日期', to: '截止日期',
  qualifier: '精确度', source: '来源', review_status: '审核状态', any: '全部', apply: '应用筛选', reset: '清除筛选',
  figures: '条数', figures_count: '数字条数', value: '数值', unit: '单位', place: '地点', date: '日期', text: '原文', article: '文章',
  by_street: '按街道', by_community: '按社区/村', by_month: '按月份', by_quarter: '按季度', by_year: '按年份',
  unplaced_street: '区级（未细分到街道）', district_level: '区级', unplaced_community: '街道级（未细分到社区）',
  unit_note_dominant: '只计单位为“{unit}”、汇总方式为“{measure}”的数字；不同单位、不同汇总方式的数字从不相加。',
  unit_note_others: '另有（不计入本图）：{others}。',
  unit_note_count: '未选指标：图表按数字条数统计，不把不同单位的数值相加。',
  note_level: '累计数与存量：每个地点、每个时期取最新值，只按地点相加，从不按日期相加。',
  note_plan: '计划与目标：单独成图，从不与已完成的相加。',
  note_distribution: '比率与时长从不相加：柱高为中位数，数据表中可见范围。',
  note_attributes: '另有 {n} 条属性数字（名词短语中的规模或门槛，如“亿元以上项目”）不计入图表。',
  note_coarser: '另有 {n} 条数字只标明季度、半年或年份，不画在本图上：',
  note_undated: '{n} 条未标日期。',
  figures_n: '{n} 条',
  data_twins: '本页数据：',
  approx_legend: '斜纹部分：约数（余、超、约、近、不到）',
  approx_count: '其中约数 {n} 条',
  source_line: '来源：数说基层，据{sources}报道提取；每个数字可追溯到原句。',
  filters_line: '筛选：{filters}',
  no_filters: '无筛选',
  download_png: '下载 PNG', download_svg: '下载 SVG', download_csv: '下载 CSV（本图数据）',
  table_of_chart: '图表数据表',
  show_table: '查看数据表',
  figures_list: '数字列表', figures_of: '{name} 的数字', clear_pick: '取消选择',
  total_figures: '共 {n} 条数字', from_articles: '来自 {n} 篇文章',
  prev: '上一页', next: '下一页', page_of: '第 {page} / {pages} 页',
  nothing: '没有符合条件的数字。',
  bad_filter: '筛选条件有误：{message}',
  sum: '合计', mean: '平均', approx: '约数',
  place_figures_by_metric: '按指标', place_over_time: '全部指标条数', place_children_streets: '下辖街道', place_children_communities: '下辖社区/村',
  place_up: '上级', place_in_overview: '在概览中查看', place_not_found: '没有关于此地的数字。',
  fact_title: '数字详情', fact_value: '数值', fact_as_written: '原文写法', fact_exact: '精确值', fact_qualifier: '精确度', fact_metric: '指标', fact_place: '地点', fact_date: '日期',
  fact_sentence: '原句', fact_article: '原文（数字以高亮标出，所在句子加底色）', fact_citation: '引用', fact_copy: '复制引用', fact_checks: '核查',
  fact_cues: '判定词',
  fact_corrected: '已更正（原为 {value}）', list_corrected: '已更正，原为 {value}', fact_rejected: '已被审核人员否定，不计入图表', fact_cumulative: '累计数',
  fact_review: '审核',
  article_figures: '文中数字', article_full_text: '全文（悬停高亮数字可见指标与规范值）', article_not_found: '找不到这篇文章。',
  search_title: '全文搜索', search_placeholder: '输入词语，如 解决问题、望江', search_button: '搜索',
  search_results: '“{q}”共找到 {n} 处', search_none: '没有找到“{q}”。', search_hint: '按词语搜索文章与句子（中文按字切分，两字以上更准确）。',
  search_pending: '尚有 {n} 篇文章正在建立索引，结果可能不全。',
  open_article: '打开文章', open_fact: '数字详情',
  published: '发布日期', page: '版面', issue: '期号', link: '链接',
  chart_loading: '图表加载中…',
  editor_sign_in: '编辑登录', editor_sign_out: '退出登录', login_title: '编辑登录', login_signed_in_as: '已登录：',
  login_name: '用户名', login_password: '密码', login_submit: '登录',
  login_wrong: '用户名或密码错误。', login_missing: '请输入用户名和密码。', login_rate_limited: '密码错误次数过多，请15分钟后再试。',
  ingest_title: '导入文章',
  ingest_hint: '粘贴文章文本，或上传 .txt、.md、.html、.docx、.pdf 文件（UTF-8、GB18030/GBK、Big5 均可；每个文件不超过 {mb} MB，一次最多 {files} 个）。同一篇文章只保存一次。',
  ingest_text: '文章文本', ingest_text_placeholder: '粘贴一篇或一版新闻…', ingest_files: '文件', ingest_source: '来源', ingest_source_placeholder: '如：上城报',
  ingest_district: '区县', ingest_district_placeholder: '如：上城区', ingest_published: '发布日期', ingest_title_field: '标题', ingest_url: '原文链接',
  ingest_submit: '保存', ingest_preview: '提取并预览', ingest_busy: '正在提取…',
  ingest_preview_summary: '预览：将保存 {figures} 个数字（已有的文章不再保存）。核对指标、地点与日期后点“保存”。', ingest_duplicate_of: '与已有文章 #{id}《{title}》相同', ingest_role: '类型',
  ingest_summary: '新增 {added} 篇，重复 {duplicates} 篇，失败 {failed} 个，共 {figures} 个数字。',
  ingest_untitled: '（无标题）', ingest_duplicate: '重复，已有此文', ingest_undated: '日期不详', ingest_figures: ' 个数字',
  ingest_server_error: '服务器返回 {status}', ingest_network_error: '无法连接服务器：{error}',
  reason_empty: '没有文本', reason_binary: '不是文本文件', reason_unsupported: '不支持的格式', reason_too_large: '文件过大', reason_undecodable: '无法识别的编码',
  reason_no_text_layer: 'PDF 没有文本层（扫描件？）', reason_unreadable: '文件已损坏或无法读取', reason_extraction_failed: '提取失败', reason_storage_failed: '保存失败',
  queue_title: '审核队列', queue_hint: '未审核的数字：先列出核查不符的，再按指标判定的把握从低到高。', queue_total: '共 {n} 条未审核。', queue_empty: '没有待审核的数字。',
  queue_failing: '不符的核查', queue_confidence: '指标把握', editors_only: '此页供编辑使用：',
  ingest_for_editors: '导入文章：粘贴或上传地方政务新闻，先预览提取出的数字（指标、地点、日期），确认后保存。',
  review_title: '审核：', review_figure: '数字 #{id}', review_article: '文章 {id}',
};
type Strings = typeof ZH;

const EN: Strings = {
  nav_overview: 'Overview', nav_search: 'Search', nav_checks: 'Checks', nav_ingest: 'Ingest', nav_export: 'Export guide', nav_login: 'Sign in',
  switch_to: '中文', switch_title: '切换到中文',
  overview_title: 'Civic figures overview',
  all_metrics: 'All metrics (count of figures)',
  metric: 'Metric', district: 'District', street: 'Street', community: 'Community', from: 'From', to: 'To',
  qualifier: 'Precision', source: 'Source', review_status: 'Review status', any: 'Any', apply: 'Apply filters', reset: 'Clear filters',
  figures: 'Figures', figures_count: 'Number of figures', value: 'Value', unit: 'Unit', place: 'Place', date: 'Date', text: 'As written', article: 'Article',
  by_street: 'By street', by_community: 'By community', by_month: 'By month', by_quarter: 'By quarter', by_year: 'By year',
  unplaced_street: 'District level (no street)', district_level: 'district level', unplaced_community: 'Street level (no community)',
  unit_note_dominant: 'Only figures in “{unit}” aggregated as “{measure}”; figures of other units or measures are never added.',
  unit_note_others: 'Not in this chart: {others}.',
  unit_note_count: 'No metric chosen: the charts count figures and never add values of different units.',
  note_level: 'Running totals and stocks: the latest of each place and period, added over places, never over dates.',
  note_plan: 'Plans and targets: a chart of their own, never added to what was done.',
  note_distribution: 'Rates and durations are never added: a bar is their median; the table shows the range.',
  note_attributes: '{n} attribute figures (a size class inside a noun phrase, as in 亿元以上项目) are not charted.',
  note_coarser: '{n} figures dated only by quarter, half year or year are not on this chart: ',
  note_undated: '{n} undated.',
  figures_n: '{n} figures',
  data_twins: 'This page as data: ',
  approx_legend: 'Hatched part: approximate figures (余, 超, 约, 近, 不到)',
  approx_count: '{n} of them approximate',
  source_line: 'Source: Civic Figures, extracted from {sources}; every figure links to its sentence.',
  filters_line: 'Filters: {filters}',
  no_filters: 'none',
  download_png: 'Download PNG', download_svg: 'Download SVG', download_csv: 'Download CSV (this chart’s data)',
  table_of_chart: 'Chart data table',
  show_table: 'Show data table',
  figures_list: 'Figures', figures_of: 'Figures of {name}', clear_pick: 'Clear selection',
  total_figures: '{n} figures', from_articles: 'from {n} articles',
  prev: 'Previous', next: 'Next', page_of: 'page {page} of {pages}',
  nothing: 'No figure matches these filters.',
  bad_filter: 'Bad filter: {message}',
  sum: 'Total', mean: 'Mean', approx: 'approx.',
  place_figures_by_metric: 'By metric', place_over_time: 'figures of all metrics', place_children_streets: 'Streets', place_children_communities: 'Communities',
  place_up: 'Part of', place_in_overview: 'Open in the overview', place_not_found: 'No figure names this place.',
  fact_title: 'Figure', fact_value: 'Value', fact_as_written: 'As written', fact_exact: 'Exact value', fact_qualifier: 'Precision', fact_metric: 'Metric', fact_place: 'Place', fact_date: 'Date',
  fact_sentence: 'Sentence', fact_article: 'Article (the figure highlighted, its sentence shaded)', fact_citation: 'Citation', fact_copy: 'Copy citation', fact_checks: 'Checks',
  fact_cues: 'Decided by',
  fact_corrected: 'Corrected (was {value})', list_corrected: 'corrected; was {value}', fact_rejected: 'Rejected by a reviewer; left out of the charts', fact_cumulative: 'cumulative',
  fact_review: 'Review',
  article_figures: 'Figures in this article', article_full_text: 'Full text (hover a highlighted figure for its metric and value)', article_not_found: 'No such article.',
  search_title: 'Full-text search', search_placeholder: 'Words, e.g. 解决问题, 望江', search_button: 'Search',
  search_results: '{n} matches for “{q}”', search_none: 'Nothing found for “{q}”.', search_hint: 'Searches articles and sentences (Chinese is matched by character pairs; two or more characters work best).',
  search_pending: '{n} articles are still being indexed; results may be incomplete.',
  open_article: 'Open article', open_fact: 'Figure details',
  published: 'Published', page: 'Page', issue: 'Issue', link: 'Link',
  chart_loading: 'Loading chart…',
  editor_sign_in: 'Editor sign-in', editor_sign_out: 'Sign out', login_title: 'Editor sign-in', login_signed_in_as: 'Signed in as ',
  login_name: 'Name', login_password: 'Password', login_submit: 'Sign in',
  login_wrong: 'Wrong name or password.', login_missing: 'Enter a name and a password.', login_rate_limited: 'Too many wrong passwords: try again in 15 minutes.',
  ingest_title: 'Add articles',
  ingest_hint: 'Paste an article’s text, or upload .txt, .md, .html, .docx or .pdf files (UTF-8, GB18030/GBK or Big5; at most {mb} MB each, {files} at a time). The same article is stored once.',
  ingest_text: 'Article text', ingest_text_placeholder: 'Paste one article or a newspaper page…', ingest_files: 'Files', ingest_source: 'Source', ingest_source_placeholder: 'e.g. 上城报',
  ingest_district: 'District', ingest_district_placeholder: 'e.g. 上城区', ingest_published: 'Published', ingest_title_field: 'Title', ingest_url: 'Link to the original',
  ingest_submit: 'Save', ingest_preview: 'Extract and preview', ingest_busy: 'Extracting…',
  ingest_preview_summary: 'Preview: {figures} figures would be stored (articles already stored are not stored again). Check metric, place and date, then Save.', ingest_duplicate_of: 'the same as stored article #{id} “{title}”', ingest_role: 'Kind',
  ingest_summary: '{added} added, {duplicates} duplicates, {failed} failed, {figures} figures.',
  ingest_untitled: '(untitled)', ingest_duplicate: 'duplicate: already stored', ingest_undated: 'date unknown', ingest_figures: ' figures',
  ingest_server_error: 'the server answered {status}', ingest_network_error: 'cannot reach the server: {error}',
  reason_empty: 'no text', reason_binary: 'not a text file', reason_unsupported: 'unsupported format', reason_too_large: 'file too large', reason_undecodable: 'unknown encoding',
  reason_no_text_layer: 'the PDF has no text layer (a scan?)', reason_unreadable: 'damaged or unreadable file', reason_extraction_failed: 'extraction failed', reason_storage_failed: 'could not be stored',
  queue_title: 'Review queue', queue_hint: 'Figures nobody has reviewed yet: those in failing checks first, then those whose metric the extractor was least sure of.', queue_total: '{n} unreviewed.', queue_empty: 'Nothing waits for review.',
  queue_failing: 'Failing checks', queue_confidence: 'Metric confidence', editors_only: 'This page is for editors:',
  ingest_for_editors: 'Add articles: paste or upload local-government news, preview the figures found (metric, place, date), then save them.',
  review_title: 'Review: ', review_figure: 'Figure #{id}', review_article: 'Article {id}',
};

export type StringKey = keyof Strings;

/** The interface words of a language; `fill` replaces {name} placeholders. */
export function strings(lang: Lang): Strings {
  return lang === 'en' ? EN : ZH;
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
