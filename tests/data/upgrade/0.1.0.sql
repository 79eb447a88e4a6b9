-- quotawatch 0.1.0's database, made by make-0.1.0.sh (sqlite3 .dump) with the
-- 0.1.0 tools (fetch-moonshot (quotawatch) 0.1.0, built from commit 7f75361);
-- see that script for what is in it.  .dump leaves out the schema version: it is the last line.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE usage_snapshots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    timestamp TEXT NOT NULL,
    provider TEXT NOT NULL,
    used REAL,
    remaining REAL,
    currency TEXT DEFAULT 'USD',
    status TEXT DEFAULT 'ok'
, account TEXT NOT NULL DEFAULT 'default', kind TEXT NOT NULL DEFAULT 'balance', "window" TEXT NOT NULL DEFAULT '', "limit" REAL, used_pct REAL, resets_at TEXT, parts TEXT, as_of TEXT, error TEXT, level TEXT, reason TEXT);
INSERT INTO usage_snapshots VALUES(1,'2026-02-12 16:30:00','glm',180.0,20.0,'CNY','ok','default','balance','',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO usage_snapshots VALUES(2,'2026-02-12 16:30:00','minimax',50.0,950.0,'CNY','ok','default','balance','',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO usage_snapshots VALUES(3,'2026-02-12 16:30:00','anthropic',NULL,NULL,'USD','na','default','balance','',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO usage_snapshots VALUES(4,'2026-02-12 16:35:00','glm',181.5,18.5,'CNY','ok','default','balance','',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO usage_snapshots VALUES(5,'2026-02-12 16:35:00','minimax',50.0,950.0,'CNY','ok','default','balance','',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO usage_snapshots VALUES(6,'2026-11-21T01:00:00Z','moonshot',NULL,8.0,'USD','ok','home','balance','',NULL,NULL,NULL,'{"voucher":0,"cash":8}',NULL,NULL,'ok','remaining 8.00 USD');
INSERT INTO usage_snapshots VALUES(7,'2026-11-21T01:00:00Z','moonshot',NULL,12.339999999999999857,'USD','ok','work','balance','',NULL,NULL,NULL,'{"voucher":0,"cash":12.34}',NULL,NULL,'ok','remaining 12.34 USD');
INSERT INTO usage_snapshots VALUES(8,'2026-11-21T01:00:00Z','deepseek',NULL,110.0,'CNY','ok','default','balance','CNY',NULL,NULL,NULL,'{"granted":0,"topped_up":110}',NULL,NULL,'ok','remaining 110.00 CNY');
INSERT INTO usage_snapshots VALUES(9,'2026-11-21T01:00:00Z','deepseek',NULL,3.5,'CNY','ok','two','balance','CNY',NULL,NULL,NULL,'{"granted":0,"topped_up":3.5}',NULL,NULL,'warning','remaining 3.50 CNY <= 5.00');
INSERT INTO usage_snapshots VALUES(10,'2026-11-21T01:00:00Z','deepseek',NULL,20.0,'USD','ok','two','balance','USD',NULL,NULL,NULL,'{"granted":5,"topped_up":15}',NULL,NULL,'ok','remaining 20.00 USD');
INSERT INTO usage_snapshots VALUES(11,'2026-11-21T01:00:00Z','kimi-code',214.0,1834.0,'requests','ok','default','quota','weekly',2048.0,10.449999999999999289,'2026-11-24T07:54:13Z',NULL,NULL,NULL,'ok','remaining_pct 89.6%');
INSERT INTO usage_snapshots VALUES(12,'2026-11-21T01:00:00Z','kimi-code',139.0,61.0,'requests','ok','default','quota','5h',200.0,69.499999999999999998,'2026-11-21T05:30:00Z',NULL,NULL,NULL,'ok','remaining_pct 30.5%');
INSERT INTO usage_snapshots VALUES(13,'2026-11-21T01:00:00Z','minimax',NULL,NULL,'%','ok','default','quota','4h',NULL,20.0,'2026-11-21T04:00:00Z',NULL,NULL,NULL,'ok','remaining_pct 80.0%');
INSERT INTO usage_snapshots VALUES(14,'2026-11-21T01:00:00Z','minimax',NULL,940.0,'CNY','ok','default','balance','',NULL,NULL,NULL,'{"cash":900,"voucher":40}',NULL,NULL,'ok','remaining 940.00 CNY');
INSERT INTO usage_snapshots VALUES(15,'2026-11-21T01:00:00Z','glm',NULL,NULL,'%','ok','default','quota','5h',NULL,20.0,'2026-11-22T12:54:00Z',NULL,NULL,NULL,'ok','remaining_pct 80.0%');
INSERT INTO usage_snapshots VALUES(16,'2026-11-21T01:00:00Z','glm',182.0,18.0,'CNY','ok','default','balance','',200.0,NULL,NULL,'{"frozen":0}',NULL,NULL,'warning','remaining_pct 9.0% < 10');
INSERT INTO usage_snapshots VALUES(17,'2026-11-21T01:00:00Z','anthropic',NULL,NULL,'tasks','na','default','budget','',NULL,NULL,NULL,NULL,NULL,NULL,'info','client subscription: no budget set (ANTHROPIC_BUDGET)');
INSERT INTO usage_snapshots VALUES(18,'2026-11-21T05:00:00Z','moonshot',NULL,4.2000000000000001776,'USD','ok','home','balance','',NULL,NULL,NULL,'{"voucher":0,"cash":4.2}',NULL,NULL,'warning','remaining 4.20 USD <= 5.00');
INSERT INTO usage_snapshots VALUES(19,'2026-11-21T05:00:00Z','moonshot',NULL,12.339999999999999857,'USD','ok','work','balance','',NULL,NULL,NULL,'{"voucher":0,"cash":12.34}',NULL,NULL,'ok','remaining 12.34 USD');
INSERT INTO usage_snapshots VALUES(20,'2026-11-21T05:00:00Z','deepseek',NULL,109.5,'CNY','ok','default','balance','CNY',NULL,NULL,NULL,'{"granted":0,"topped_up":109.5}',NULL,NULL,'ok','remaining 109.50 CNY');
INSERT INTO usage_snapshots VALUES(21,'2026-11-21T05:00:00Z','deepseek',NULL,3.5,'CNY','ok','two','balance','CNY',NULL,NULL,NULL,'{"granted":0,"topped_up":3.5}',NULL,NULL,'warning','remaining 3.50 CNY <= 5.00');
INSERT INTO usage_snapshots VALUES(22,'2026-11-21T05:00:00Z','deepseek',NULL,20.0,'USD','ok','two','balance','USD',NULL,NULL,NULL,'{"granted":5,"topped_up":15}',NULL,NULL,'ok','remaining 20.00 USD');
INSERT INTO usage_snapshots VALUES(23,'2026-11-21T05:00:00Z','kimi-code',380.0,1668.0,'requests','ok','default','quota','weekly',2048.0,18.55000000000000071,'2026-11-24T07:54:13Z',NULL,NULL,NULL,'ok','remaining_pct 81.4%');
INSERT INTO usage_snapshots VALUES(24,'2026-11-21T05:00:00Z','kimi-code',185.0,15.0,'requests','ok','default','quota','5h',200.0,92.5,'2026-11-21T05:30:00Z',NULL,NULL,NULL,'warning','remaining_pct 7.5% < 10');
INSERT INTO usage_snapshots VALUES(25,'2026-11-21T05:00:00Z','minimax',NULL,NULL,'%','ok','default','quota','4h',NULL,70.0,'2026-11-21T08:00:00Z',NULL,NULL,NULL,'ok','remaining_pct 30.0%');
INSERT INTO usage_snapshots VALUES(26,'2026-11-21T05:00:00Z','minimax',NULL,940.0,'CNY','ok','default','balance','',NULL,NULL,NULL,'{"cash":900,"voucher":40}',NULL,NULL,'ok','remaining 940.00 CNY');
INSERT INTO usage_snapshots VALUES(27,'2026-11-21T05:00:00Z','glm',NULL,NULL,'%','ok','default','quota','5h',NULL,40.0,'2026-11-22T12:54:00Z',NULL,NULL,NULL,'ok','remaining_pct 60.0%');
INSERT INTO usage_snapshots VALUES(28,'2026-11-21T05:00:00Z','glm',182.0,18.0,'CNY','ok','default','balance','',200.0,NULL,NULL,'{"frozen":0}',NULL,NULL,'warning','remaining_pct 9.0% < 10');
INSERT INTO usage_snapshots VALUES(29,'2026-11-21T05:00:00Z','anthropic',NULL,NULL,'tasks','na','default','budget','',NULL,NULL,NULL,NULL,NULL,NULL,'info','client subscription: no budget set (ANTHROPIC_BUDGET)');
INSERT INTO usage_snapshots VALUES(30,'2026-11-21T09:00:00Z','moonshot',NULL,3.8999999999999999111,'USD','ok','home','balance','',NULL,NULL,NULL,'{"voucher":0,"cash":3.9}',NULL,NULL,'warning','remaining 3.90 USD <= 5.00');
INSERT INTO usage_snapshots VALUES(31,'2026-11-21T09:00:00Z','moonshot',NULL,NULL,NULL,'error','work','balance','',NULL,NULL,NULL,NULL,NULL,'HTTP 502: not JSON (text/html; charset=utf-8)','error','HTTP 502: not JSON (text/html; charset=utf-8)');
INSERT INTO usage_snapshots VALUES(32,'2026-11-21T09:00:00Z','deepseek',NULL,109.0,'CNY','ok','default','balance','CNY',NULL,NULL,NULL,'{"granted":0,"topped_up":109}',NULL,NULL,'ok','remaining 109.00 CNY');
INSERT INTO usage_snapshots VALUES(33,'2026-11-21T09:00:00Z','deepseek',NULL,3.3999999999999999111,'CNY','ok','two','balance','CNY',NULL,NULL,NULL,'{"granted":0,"topped_up":3.4}',NULL,NULL,'warning','remaining 3.40 CNY <= 5.00');
INSERT INTO usage_snapshots VALUES(34,'2026-11-21T09:00:00Z','deepseek',NULL,19.5,'USD','ok','two','balance','USD',NULL,NULL,NULL,'{"granted":5,"topped_up":15}',NULL,NULL,'ok','remaining 19.50 USD');
INSERT INTO usage_snapshots VALUES(35,'2026-11-21T09:00:00Z','kimi-code',420.0,1628.0,'requests','ok','default','quota','weekly',2048.0,20.510000000000001563,'2026-11-24T07:54:13Z',NULL,NULL,NULL,'ok','remaining_pct 79.5%');
INSERT INTO usage_snapshots VALUES(36,'2026-11-21T09:00:00Z','kimi-code',10.0,190.0,'requests','ok','default','quota','5h',200.0,5.0,'2026-11-21T10:30:00Z',NULL,NULL,NULL,'ok','remaining_pct 95.0%');
INSERT INTO usage_snapshots VALUES(37,'2026-11-21T09:00:00Z','minimax',NULL,NULL,'%','ok','default','quota','4h',NULL,96.0,'2026-11-21T12:00:00Z',NULL,NULL,NULL,'critical','remaining_pct 4.0% < 5');
INSERT INTO usage_snapshots VALUES(38,'2026-11-21T09:00:00Z','minimax',NULL,940.0,'CNY','ok','default','balance','',NULL,NULL,NULL,'{"cash":900,"voucher":40}',NULL,NULL,'ok','remaining 940.00 CNY');
INSERT INTO usage_snapshots VALUES(39,'2026-11-21T09:00:00Z','glm',NULL,NULL,'%','ok','default','quota','5h',NULL,60.0,'2026-11-22T12:54:00Z',NULL,NULL,NULL,'ok','remaining_pct 40.0%');
INSERT INTO usage_snapshots VALUES(40,'2026-11-21T09:00:00Z','glm',182.5,17.5,'CNY','ok','default','balance','',200.0,NULL,NULL,'{"frozen":0}',NULL,NULL,'warning','remaining_pct 8.8% < 10');
INSERT INTO usage_snapshots VALUES(41,'2026-11-21T09:00:00Z','anthropic',NULL,NULL,'tasks','na','default','budget','',NULL,NULL,NULL,NULL,NULL,NULL,'info','client subscription: no budget set (ANTHROPIC_BUDGET)');
INSERT INTO usage_snapshots VALUES(42,'2026-11-20T22:00:00+08:00','moonshot',NULL,12.5,'USD','ok','work','balance','',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO usage_snapshots VALUES(43,'2026-11-21T19:00:00+08:00','moonshot',NULL,12.099999999999999644,'USD','ok','work','balance','',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO usage_snapshots VALUES(44,'2026-11-21T13:00:00Z','moonshot',NULL,40.0,'USD','ok','home','balance','',NULL,NULL,NULL,'{"voucher":0,"cash":40}',NULL,NULL,'ok','remaining 40.00 USD');
INSERT INTO usage_snapshots VALUES(45,'2026-11-21T13:00:00Z','moonshot',NULL,12.0,'USD','ok','work','balance','',NULL,NULL,NULL,'{"voucher":0,"cash":12}',NULL,NULL,'ok','remaining 12.00 USD');
INSERT INTO usage_snapshots VALUES(46,'2026-11-21T13:00:00Z','deepseek',NULL,108.70000000000000283,'CNY','ok','default','balance','CNY',NULL,NULL,NULL,'{"granted":0,"topped_up":108.7}',NULL,NULL,'ok','remaining 108.70 CNY');
INSERT INTO usage_snapshots VALUES(47,'2026-11-21T13:00:00Z','deepseek',NULL,3.2999999999999998223,'CNY','ok','two','balance','CNY',NULL,NULL,NULL,'{"granted":0,"topped_up":3.3}',NULL,NULL,'warning','remaining 3.30 CNY <= 5.00');
INSERT INTO usage_snapshots VALUES(48,'2026-11-21T13:00:00Z','deepseek',NULL,19.5,'USD','ok','two','balance','USD',NULL,NULL,NULL,'{"granted":5,"topped_up":15}',NULL,NULL,'ok','remaining 19.50 USD');
INSERT INTO usage_snapshots VALUES(49,'2026-11-21T13:00:00Z','kimi-code',515.0,1533.0,'requests','ok','default','quota','weekly',2048.0,25.149999999999998578,'2026-11-24T07:54:13Z',NULL,NULL,NULL,'ok','remaining_pct 74.9%');
INSERT INTO usage_snapshots VALUES(50,'2026-11-21T13:00:00Z','kimi-code',50.0,150.0,'requests','ok','default','quota','5h',200.0,25.0,'2026-11-21T15:30:00Z',NULL,NULL,NULL,'ok','remaining_pct 75.0%');
INSERT INTO usage_snapshots VALUES(51,'2026-11-21T13:00:00Z','minimax',NULL,NULL,'%','ok','default','quota','4h',NULL,40.0,'2026-11-21T16:00:00Z',NULL,NULL,NULL,'ok','remaining_pct 60.0%');
INSERT INTO usage_snapshots VALUES(52,'2026-11-21T13:00:00Z','minimax',NULL,940.0,'CNY','ok','default','balance','',NULL,NULL,NULL,'{"cash":900,"voucher":40}',NULL,NULL,'ok','remaining 940.00 CNY');
INSERT INTO usage_snapshots VALUES(53,'2026-11-21T13:00:00Z','glm',NULL,NULL,'%','ok','default','quota','5h',NULL,80.0,'2026-11-22T12:54:00Z',NULL,NULL,NULL,'ok','remaining_pct 20.0%');
INSERT INTO usage_snapshots VALUES(54,'2026-11-21T13:00:00Z','glm',182.5,17.5,'CNY','ok','default','balance','',200.0,NULL,NULL,'{"frozen":0}',NULL,NULL,'warning','remaining_pct 8.8% < 10');
INSERT INTO usage_snapshots VALUES(55,'2026-11-21T13:00:00Z','anthropic',NULL,NULL,'tasks','na','default','budget','',NULL,NULL,NULL,NULL,NULL,NULL,'info','client subscription: no budget set (ANTHROPIC_BUDGET)');
CREATE TABLE notify_state (
           channel TEXT NOT NULL,
           series TEXT NOT NULL,
           level TEXT,
           sent_at TEXT,
           stale INTEGER NOT NULL DEFAULT 0,
           pending TEXT NOT NULL DEFAULT '',
           PRIMARY KEY (channel, series));
INSERT INTO notify_state VALUES('discord','moonshot/home/balance/','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('discord','moonshot/work/balance/','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('discord','deepseek/default/balance/CNY','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('discord','deepseek/two/balance/CNY','warning','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('discord','deepseek/two/balance/USD','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('discord','kimi-code/default/quota/weekly','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('discord','kimi-code/default/quota/5h','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('discord','minimax/default/quota/4h','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('discord','minimax/default/balance/','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('discord','glm/default/quota/5h','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('discord','glm/default/balance/','warning','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('discord','anthropic/default/budget/','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('feishu','moonshot/home/balance/','warning','2026-11-21T09:00:00Z',0,'topup');
INSERT INTO notify_state VALUES('feishu','moonshot/work/balance/','error','2026-11-21T09:00:00Z',0,'');
INSERT INTO notify_state VALUES('feishu','deepseek/default/balance/CNY','ok','2026-11-21T09:00:00Z',0,'');
INSERT INTO notify_state VALUES('feishu','deepseek/two/balance/CNY','warning','2026-11-21T09:00:00Z',0,'');
INSERT INTO notify_state VALUES('feishu','deepseek/two/balance/USD','ok','2026-11-21T09:00:00Z',0,'');
INSERT INTO notify_state VALUES('feishu','kimi-code/default/quota/weekly','ok','2026-11-21T09:00:00Z',0,'');
INSERT INTO notify_state VALUES('feishu','kimi-code/default/quota/5h','ok','2026-11-21T09:00:00Z',0,'reset');
INSERT INTO notify_state VALUES('feishu','minimax/default/quota/4h','critical','2026-11-21T09:00:00Z',0,'reset');
INSERT INTO notify_state VALUES('feishu','minimax/default/balance/','ok','2026-11-21T09:00:00Z',0,'');
INSERT INTO notify_state VALUES('feishu','glm/default/quota/5h','ok','2026-11-21T09:00:00Z',0,'');
INSERT INTO notify_state VALUES('feishu','glm/default/balance/','warning','2026-11-21T09:00:00Z',0,'');
INSERT INTO notify_state VALUES('feishu','anthropic/default/budget/','ok','2026-11-21T09:00:00Z',0,'');
INSERT INTO notify_state VALUES('smtp','moonshot/home/balance/','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('smtp','moonshot/work/balance/','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('smtp','deepseek/default/balance/CNY','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('smtp','deepseek/two/balance/CNY','warning','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('smtp','deepseek/two/balance/USD','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('smtp','kimi-code/default/quota/weekly','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('smtp','kimi-code/default/quota/5h','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('smtp','minimax/default/quota/4h','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('smtp','minimax/default/balance/','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('smtp','glm/default/quota/5h','ok','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('smtp','glm/default/balance/','warning','2026-11-21T13:00:00Z',0,'');
INSERT INTO notify_state VALUES('smtp','anthropic/default/budget/','ok','2026-11-21T13:00:00Z',0,'');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('usage_snapshots',55);
CREATE INDEX idx_snap_ts ON usage_snapshots(timestamp);
CREATE INDEX idx_snap_series
           ON usage_snapshots(provider, account, kind, "window", timestamp);
COMMIT;
PRAGMA user_version = 3;
