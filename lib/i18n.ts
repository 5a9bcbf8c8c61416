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

/** Interface words: each key holds its Chinese and its English side by side, so a missing translation is a
 *  type error and a word's two languages are read and changed together. */
const WORDS = {
  nav_overview: ['概览', 'Overview'], nav_search: ['搜索', 'Search'], nav_checks: ['核查', 'Checks'], nav_ingest: ['导入', 'Ingest'],
  nav_sources: ['信息源', 'Sources'], nav_export: ['导出说明', 'Export guide'], nav_login: ['登录', 'Sign in'],
  switch_to: ['English', '中文'], switch_title: ['Switch to English', '切换到中文'],
  overview_title: ['基层数字概览', 'Civic figures overview'],
  all_metrics: ['全部指标（按条数）', 'All metrics (count of figures)'],
  metric: ['指标', 'Metric'], district: ['区县', 'District'], street: ['街道', 'Street'], community: ['社区/村', 'Community'], from: ['起始日期', 'From'],
  to: ['截止日期', 'To'],
  qualifier: ['精确度', 'Precision'], source: ['来源', 'Source'], review_status: ['审核状态', 'Review status'], object_class: ['对象类别', 'Object class'],
  action_class: ['动作类别', 'Action class'], any: ['全部', 'Any'], apply: ['应用筛选', 'Apply filters'], reset: ['清除筛选', 'Clear filters'],
  several: ['多选', 'several'],
  figures: ['条数', 'Figures'], figures_count: ['数字条数', 'Number of figures'], value: ['数值', 'Value'], unit: ['单位', 'Unit'], place: ['地点', 'Place'],
  date: ['日期', 'Date'], text: ['原文', 'As written'], article: ['文章', 'Article'],
  by_street: ['按街道', 'By street'], by_community: ['按社区/村', 'By community'], by_month: ['按月份', 'By month'], by_quarter: ['按季度', 'By quarter'],
  by_year: ['按年份', 'By year'],
  unplaced_street: ['区级（未细分到街道）', 'District level (no street)'], district_level: ['区级', 'district level'],
  unplaced_community: ['街道级（未细分到社区）', 'Street level (no community)'],
  unit_note_dominant: ['只计单位为“{unit}”、汇总方式为“{measure}”的数字；不同单位、不同汇总方式的数字从不相加。', 'Only figures in “{unit}” aggregated as “{measure}”; figures of other units or measures are never added.'],
  unit_note_others: ['另有（不计入本图）：{others}。', 'Not in this chart: {others}.'],
  unit_note_count: ['未选指标：图表按数字条数统计，不把不同单位的数值相加。', 'No metric chosen: the charts count figures and never add values of different units.'],
  note_level: ['累计数与存量：每个地点、每个时期取最新值，只按地点相加，从不按日期相加。', 'Running totals and stocks: the latest of each place and period, added over places, never over dates.'],
  note_plan: ['计划与目标：单独成图，从不与已完成的相加。', 'Plans and targets: a chart of their own, never added to what was done.'],
  note_distribution: ['比率与时长从不相加：柱高为中位数，数据表中可见范围。', 'Rates and durations are never added: a bar is their median; the table shows the range.'],
  note_attributes: ['另有 {n} 条属性数字（名词短语中的规模或门槛，如“亿元以上项目”）不计入图表。', '{n} attribute figures (a size class inside a noun phrase, as in 亿元以上项目) are not charted.'],
  note_coarser: ['另有 {n} 条数字只标明季度、半年或年份，不画在本图上：', '{n} figures dated only by quarter, half year or year are not on this chart: '],
  note_undated: ['{n} 条未标日期。', '{n} undated.'],
  figures_n: ['{n} 条', '{n} figures'],
  data_twins: ['本页数据：', 'This page as data: '],
  approx_legend: ['斜纹部分：约数（余、超、约、近、不到）', 'Hatched part: approximate figures (余, 超, 约, 近, 不到)'],
  approx_count: ['其中约数 {n} 条', '{n} of them approximate'],
  approx_included: ['（含约数 {n}）', ' (incl. {n} approx.)'],
  source_line: ['来源：数说基层，据{sources}报道提取；每个数字可追溯到原句。', 'Source: Civic Figures, extracted from {sources}; every figure links to its sentence.'],
  filters_line: ['筛选：{filters}', 'Filters: {filters}'],
  no_filters: ['无筛选', 'none'],
  download_png: ['下载 PNG', 'Download PNG'], download_svg: ['下载 SVG', 'Download SVG'],
  download_csv: ['下载 CSV（本图数据）', 'Download CSV (this chart’s data)'],
  table_of_chart: ['图表数据表', 'Chart data table'],
  show_table: ['查看数据表', 'Show data table'],
  figures_list: ['数字列表', 'Figures'], figures_of: ['{name} 的数字', 'Figures of {name}'], clear_pick: ['取消选择', 'Clear selection'],
  total_figures: ['共 {n} 条数字', '{n} figures'], from_articles: ['来自 {n} 篇文章', 'from {n} articles'],
  prev: ['上一页', 'Previous'], next: ['下一页', 'Next'], page_of: ['第 {page} / {pages} 页', 'page {page} of {pages}'],
  nothing: ['没有符合条件的数字。', 'No figure matches these filters.'],
  bad_filter: ['筛选条件有误：{message}', 'Bad filter: {message}'],
  sum: ['合计', 'Total'], mean: ['平均', 'Mean'], approx: ['约数', 'approx.'],
  place_figures_by_metric: ['按指标', 'By metric'], place_over_time: ['全部指标条数', 'figures of all metrics'], place_children_streets: ['下辖街道', 'Streets'],
  place_children_communities: ['下辖社区/村', 'Communities'],
  place_up: ['上级', 'Part of'], place_in_overview: ['在概览中查看', 'Open in the overview'], place_not_found: ['没有关于此地的数字。', 'No figure names this place.'],
  fact_title: ['数字详情', 'Figure'], fact_value: ['数值', 'Value'], fact_as_written: ['原文写法', 'As written'], fact_exact: ['精确值', 'Exact value'],
  fact_qualifier: ['精确度', 'Precision'], fact_metric: ['指标', 'Metric'], fact_place: ['地点', 'Place'], fact_date: ['日期', 'Date'],
  fact_sentence: ['原句', 'Sentence'], fact_article: ['原文（数字以高亮标出，所在句子加底色）', 'Article (the figure highlighted, its sentence shaded)'],
  fact_citation: ['引用', 'Citation'], fact_copy: ['复制引用', 'Copy citation'], fact_checks: ['核查', 'Checks'],
  fact_cues: ['判定词', 'Decided by'],
  fact_why: ['为何归入此指标', 'Why this metric'],
  fact_corrected: ['已更正（原为 {value}）', 'Corrected (was {value})'], list_corrected: ['已更正，原为 {value}', 'corrected; was {value}'],
  fact_rejected: ['已被审核人员否定，不计入图表', 'Rejected by a reviewer; left out of the charts'], fact_cumulative: ['累计数', 'cumulative'],
  fact_review: ['审核', 'Review'],
  article_figures: ['文中数字', 'Figures in this article'],
  article_full_text: ['全文（悬停高亮数字可见指标与规范值）', 'Full text (hover a highlighted figure for its metric and value)'],
  article_not_found: ['找不到这篇文章。', 'No such article.'],
  search_title: ['全文搜索', 'Full-text search'], search_placeholder: ['输入词语，如 解决问题、望江', 'Words, e.g. 解决问题, 望江'], search_button: ['搜索', 'Search'],
  search_results: ['“{q}”共找到 {n} 处', '{n} matches for “{q}”'], search_none: ['没有找到“{q}”。', 'Nothing found for “{q}”.'],
  search_hint: ['按词语搜索文章与句子（中文按字切分，两字以上更准确）。', 'Searches articles and sentences (Chinese is matched by character pairs; two or more characters work best).'],
  search_pending: ['尚有 {n} 篇文章正在建立索引，结果可能不全。', '{n} articles are still being indexed; results may be incomplete.'],
  open_article: ['打开文章', 'Open article'], open_fact: ['数字详情', 'Figure details'],
  published: ['发布日期', 'Published'], page: ['版面', 'Page'], issue: ['期号', 'Issue'], link: ['链接', 'Link'],
  chart_loading: ['图表加载中…', 'Loading chart…'],
  editor_sign_in: ['编辑登录', 'Editor sign-in'], editor_sign_out: ['退出登录', 'Sign out'], login_title: ['编辑登录', 'Editor sign-in'],
  login_signed_in_as: ['已登录：', 'Signed in as '],
  login_name: ['用户名', 'Name'], login_password: ['密码', 'Password'], login_submit: ['登录', 'Sign in'],
  login_wrong: ['用户名或密码错误。', 'Wrong name or password.'], login_missing: ['请输入用户名和密码。', 'Enter a name and a password.'],
  login_rate_limited: ['密码错误次数过多，请15分钟后再试。', 'Too many wrong passwords: try again in 15 minutes.'],
  ingest_title: ['导入文章', 'Add articles'],
  ingest_hint: ['粘贴文章文本，或上传 .txt、.md、.html、.docx、.pdf 文件（UTF-8、GB18030/GBK、Big5 均可；每个文件不超过 {mb} MB，一次最多 {files} 个）。同一篇文章只保存一次。', 'Paste an article’s text, or upload .txt, .md, .html, .docx or .pdf files (UTF-8, GB18030/GBK or Big5; at most {mb} MB each, {files} at a time). The same article is stored once.'],
  ingest_text: ['文章文本', 'Article text'], ingest_text_placeholder: ['粘贴一篇或一版新闻…', 'Paste one article or a newspaper page…'],
  ingest_files: ['文件', 'Files'], ingest_source: ['来源', 'Source'], ingest_source_placeholder: ['如：上城报', 'e.g. 上城报'],
  ingest_district: ['区县', 'District'], ingest_district_placeholder: ['如：上城区', 'e.g. 上城区'], ingest_published: ['发布日期', 'Published'],
  ingest_title_field: ['标题', 'Title'], ingest_url: ['原文链接', 'Link to the original'],
  ingest_submit: ['保存', 'Save'], ingest_preview: ['提取并预览', 'Extract and preview'], ingest_busy: ['正在提取…', 'Extracting…'],
  ingest_preview_summary: ['预览：将保存 {figures} 个数字（已有的文章不再保存）。核对指标、地点与日期后点“保存”。', 'Preview: {figures} figures would be stored (articles already stored are not stored again). Check metric, place and date, then Save.'],
  ingest_duplicate_of: ['与已有文章 #{id}《{title}》相同', 'the same as stored article #{id} “{title}”'], ingest_role: ['类型', 'Kind'],
  ingest_summary: ['新增 {added} 篇，重复 {duplicates} 篇，失败 {failed} 个，共 {figures} 个数字。', '{added} added, {duplicates} duplicates, {failed} failed, {figures} figures.'],
  ingest_untitled: ['（无标题）', '(untitled)'], ingest_duplicate: ['重复，已有此文', 'duplicate: already stored'], ingest_undated: ['日期不详', 'date unknown'],
  ingest_figures: [' 个数字', ' figures'],
  ingest_server_error: ['服务器返回 {status}', 'the server answered {status}'],
  ingest_network_error: ['无法连接服务器：{error}', 'cannot reach the server: {error}'],
  reason_empty: ['没有文本', 'no text'], reason_binary: ['不是文本文件', 'not a text file'], reason_unsupported: ['不支持的格式', 'unsupported format'],
  reason_too_large: ['文件过大', 'file too large'], reason_undecodable: ['无法识别的编码', 'unknown encoding'],
  reason_no_text_layer: ['PDF 没有文本层（扫描件？）', 'the PDF has no text layer (a scan?)'], reason_unreadable: ['文件已损坏或无法读取', 'damaged or unreadable file'],
  reason_extraction_failed: ['提取失败', 'extraction failed'], reason_storage_failed: ['保存失败', 'could not be stored'],
  queue_title: ['审核队列', 'Review queue'],
  queue_hint: ['未审核的数字：先列出核查不符的，再按指标判定的把握从低到高。', 'Figures nobody has reviewed yet: those in failing checks first, then those whose metric the extractor was least sure of.'],
  queue_total: ['共 {n} 条未审核。', '{n} unreviewed.'], queue_empty: ['没有待审核的数字。', 'Nothing waits for review.'],
  queue_failing: ['不符的核查', 'Failing checks'], queue_confidence: ['指标把握', 'Metric confidence'], editors_only: ['此页供编辑使用：', 'This page is for editors:'],
  ingest_for_editors: ['导入文章：粘贴或上传地方政务新闻，先预览提取出的数字（指标、地点、日期），确认后保存。', 'Add articles: paste or upload local-government news, preview the figures found (metric, place, date), then save them.'],
  review_title: ['审核：', 'Review: '], review_figure: ['数字 #{id}', 'Figure #{id}'], review_article: ['文章 {id}', 'Article {id}'],
  sources_title: ['信息源', 'Sources'], sources_editors_only: ['此页面供编辑使用：请先登录。', 'This page is for editors: sign in first.'],
  sources_hint: ['每个信息源从其起始地址（RSS/Atom、站点地图、新闻列表页）抓取文章，遵守 robots.txt，同一网站每次只发一个请求。在命令行用 figures crawl --config sources.json 添加或修改信息源。', 'Each source is read from its start addresses (RSS/Atom feeds, sitemaps, news-list pages), obeying robots.txt, one request at a time per site. Add or change sources on the command line with figures crawl --config sources.json.'],
  sources_none: ['还没有信息源。', 'No sources yet.'], sources_name: ['来源', 'Source'], sources_start: ['起始地址', 'Start addresses'],
  sources_schedule: ['计划', 'Schedule'], sources_articles: ['文章', 'Articles'],
  sources_last: ['上次抓取', 'Last crawl'], sources_errors: ['最近的错误', 'Latest errors'], sources_action: ['操作', 'Action'],
  sources_crawl_now: ['立即抓取', 'Crawl now'], sources_running: ['抓取中…', 'Crawling…'],
  sources_figures_link: ['查看数字', 'See its figures'], sources_never: ['从未抓取', 'never crawled'], sources_delay: ['间隔 {s} 秒', '{s} s apart'],
  sources_counts: ['新增 {added} 篇（{figures} 个数字），未变 {unchanged}，重复 {duplicates}，跳过 {skipped}，失败 {failed}；请求 {pages} 页', '{added} added ({figures} figures), {unchanged} unchanged, {duplicates} duplicates, {skipped} skipped, {failed} failed; {pages} pages requested'],
  sources_started: ['已开始抓取（第 {run} 次）。本页会自动刷新。', 'Crawl started (run {run}). This page refreshes by itself.'],
  sources_busy: ['该信息源正在抓取，请等它结束。', 'This source is being crawled: wait for it to finish.'], sources_unknown: ['没有这个信息源。', 'No such source.'],
  schedule_hourly: ['每小时', 'hourly'], schedule_daily: ['每天', 'daily'], schedule_weekly: ['每周', 'weekly'], schedule_manual: ['手动', 'by hand'],
  run_running: ['进行中', 'running'], run_finished: ['已完成', 'finished'], run_stopped: ['提前停止', 'stopped early'], run_failed: ['失败', 'failed'],
  run_interrupted: ['被中断', 'interrupted'],
} satisfies Record<string, readonly [zh: string, en: string]>;

export type StringKey = keyof typeof WORDS;
type Strings = Record<StringKey, string>;

const LANG_COLUMN: Record<Lang, 0 | 1> = { zh: 0, en: 1 };
const byLang: Partial<Record<Lang, Strings>> = {};

/** The interface words of a language; `fill` replaces {name} placeholders. */
export function strings(lang: Lang): Strings {
  return (byLang[lang] ??= Object.fromEntries(Object.entries(WORDS).map(([key, both]) => [key, both[LANG_COLUMN[lang]]])) as Strings);
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
