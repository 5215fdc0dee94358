// Imported first by each benchmark: the app's logger reads LOG_LEVEL when its module is evaluated,
// and a log line per request would be measured along with the request.
process.env.LOG_LEVEL ??= 'silent';
