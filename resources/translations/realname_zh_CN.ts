<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../desktop/ui/about.py" line="18"/>
        <source>Program</source>
        <translation>程序</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/about.py" line="19"/>
        <source>Rules</source>
        <translation>校验规则</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/about.py" line="20"/>
        <source>Reference data</source>
        <translation>基础数据</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/about.py" line="21"/>
        <source>as shipped</source>
        <translation>随程序发布</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/about.py" line="30"/>
        <source>Disabled persons&apos; employment and training real-name registry</source>
        <translation>残疾人就业和职业培训实名制管理</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="101"/>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="101"/>
        <location filename="../../desktop/ui/conflicts_view.py" line="174"/>
        <source>This laptop</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="101"/>
        <location filename="../../desktop/ui/conflicts_view.py" line="175"/>
        <source>Centre</source>
        <translation>中心</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="101"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="109"/>
        <source>Resolve with these choices</source>
        <translation>按所选值解决冲突</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="140"/>
        <source>same person</source>
        <translation>同一人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="140"/>
        <source>changed</source>
        <translation>两边修改</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="149"/>
        <source>Nothing to resolve.</source>
        <translation>没有需要处理的冲突。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="155"/>
        <source>The centre already has this person. Choose the values to keep; the existing record is updated and this duplicate is dropped.</source>
        <translation>中心已有此人的登记记录。请选择要保留的值：将更新已有记录，并删除本机这条重复记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="161"/>
        <source>This record was changed here and at the centre. Choose per field.</source>
        <translation>本机和中心都修改了这条记录，请逐项选择保留的值。</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="55"/>
        <source>I have checked the warnings above</source>
        <translation>我已核实以上警告</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="136"/>
        <source>New record of the {0} survey</source>
        <translation>新记录（{0}年度调查）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="139"/>
        <source>Record of the {0} survey, state: {1}</source>
        <translation>{0}年度调查记录，状态：{1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="177"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="177"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="179"/>
        <source>Born {0}, {1}, age {2}</source>
        <translation>出生日期 {0}，{1}，{2} 岁</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="217"/>
        <source>This ID number is already registered: its record is open.</source>
        <translation>该身份证号已有记录，已为您打开该记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="230"/>
        <source>Filled in from this person&apos;s record of {0}.</source>
        <translation>已按此人{0}年度的记录预填，请核对后保存。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="242"/>
        <source>Check the warnings, tick the box, then save again.</source>
        <translation>请核实警告，勾选“我已核实以上警告”后再保存。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="261"/>
        <source>Saved as a draft: {0} errors to correct before it can be sent.</source>
        <translation>已保存为草稿：还有 {0} 处错误需要改正后才能上报。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="264"/>
        <source>Saved; waiting to be sent to the centre.</source>
        <translation>已保存，等待同步到中心。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="303"/>
        <source>Unsaved typing from last time has been restored.</source>
        <translation>已恢复上次未保存的录入内容。</translation>
    </message>
</context>
<context>
    <name>EntryLayout</name>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="69"/>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="70"/>
        <source>Employment</source>
        <translation>就业情况</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="71"/>
        <source>Training</source>
        <translation>培训情况</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="72"/>
        <source>Graduate</source>
        <translation>高校毕业生</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="113"/>
        <source>Derived</source>
        <translation>自动识别</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="48"/>
        <source>Import a list</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="54"/>
        <source>optional: the department&apos;s saved mapping</source>
        <translation>可选：该部门保存的列对应文件</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="55"/>
        <location filename="../../desktop/ui/import_dialog.py" line="56"/>
        <source>Choose...</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="59"/>
        <source>Check (changes nothing)</source>
        <translation>试导入（不改变数据）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="60"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="61"/>
        <location filename="../../desktop/ui/import_dialog.py" line="181"/>
        <source>Save report...</source>
        <translation>保存报告…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="62"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="68"/>
        <source>Rows</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="68"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="68"/>
        <source>Why refused</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="80"/>
        <location filename="../../desktop/ui/import_dialog.py" line="109"/>
        <source>List file</source>
        <translation>名单文件</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="81"/>
        <location filename="../../desktop/ui/import_dialog.py" line="114"/>
        <source>Column mapping</source>
        <translation>列对应</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="136"/>
        <source>Checking...</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="136"/>
        <source>Importing...</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="160"/>
        <source>Would create {0}, update {1}; {2} unchanged, {3} refused.</source>
        <translation>将新建 {0} 条、更新 {1} 条；{2} 条无变化，{3} 条被拒绝。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="162"/>
        <source>Created {0}, updated {1}; {2} unchanged, {3} refused.</source>
        <translation>已新建 {0} 条、更新 {1} 条；{2} 条无变化，{3} 条被拒绝。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="201"/>
        <source>Report saved: {0}</source>
        <translation>报告已保存：{0}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="45"/>
        <source>Log in - Disabled persons&apos; employment registry</source>
        <translation>登录 - 残疾人就业实名制管理</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="61"/>
        <source>Log in online</source>
        <translation>联网登录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="64"/>
        <source>Unlock offline</source>
        <translation>离线登录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="68"/>
        <source>Disabled persons&apos; employment and training real-name registry</source>
        <translation>残疾人就业和职业培训实名制管理</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="72"/>
        <source>Centre address</source>
        <translation>中心地址</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="73"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="74"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="92"/>
        <source>Please wait...</source>
        <translation>请稍候……</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="100"/>
        <source>Enter the centre address and the user name.</source>
        <translation>请填写中心地址和用户名。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="104"/>
        <source>Not sent: the connection is not encrypted.</source>
        <translation>未发送：连接未加密。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="121"/>
        <source>Unencrypted connection</source>
        <translation>连接未加密</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="124"/>
        <source>The centre address {0} is not encrypted (http://): your password would cross the network in plain text, and anyone on the way could read it.

Ask your administrator for the https:// address. Send the password anyway?</source>
        <translation>中心地址 {0} 未加密（http://）：密码将以明文在网络上传输，途经的任何人都可能读到。

请向管理员索取 https:// 地址。仍要发送密码吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="129"/>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="131"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="46"/>
        <source>Disabled persons&apos; employment registry - {0} ({1})</source>
        <translation>残疾人就业实名制管理 - {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="60"/>
        <location filename="../../desktop/selfcheck.py" line="57"/>
        <source>Entry</source>
        <translation>录入</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="61"/>
        <source>To visit</source>
        <translation>待访</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="62"/>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="63"/>
        <source>To sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="64"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="65"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="66"/>
        <source>Spot checks</source>
        <translation>抽查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="67"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="98"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="99"/>
        <source>New record</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="100"/>
        <source>Search records</source>
        <translation>查找记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="101"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="205"/>
        <source>{0} drafts, {1} to send, {2} refused, {3} conflicts, {4} synced</source>
        <translation>草稿 {0}，待上报 {1}，被退回 {2}，冲突 {3}，已同步 {4}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="211"/>
        <source>To sync ({0})</source>
        <translation>待同步（{0}）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="216"/>
        <source>Conflicts ({0})</source>
        <translation>冲突（{0}）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="220"/>
        <source>Centre reachable</source>
        <translation>中心已连接</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="220"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="231"/>
        <source>Problem</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="231"/>
        <source>Program error</source>
        <translation>程序错误</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="249"/>
        <source>Backup restored; log in again.</source>
        <translation>备份已恢复，请重新登录。</translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <location filename="../../desktop/ui/errors.py" line="36"/>
        <source>The file system refused: {0}</source>
        <translation>文件读写失败：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="40"/>
        <source>Program error (id {0}). Please tell the administrator this id.</source>
        <translation>程序错误（编号 {0}），请将此编号告知管理员。</translation>
    </message>
</context>
<context>
    <name>QualityBox</name>
    <message>
        <location filename="../../desktop/ui/quality_box.py" line="29"/>
        <source>Data quality</source>
        <translation>数据质量</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quality_box.py" line="36"/>
        <source>Optional field</source>
        <translation>选填项目</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quality_box.py" line="36"/>
        <source>Filled</source>
        <translation>已填/应填</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quality_box.py" line="36"/>
        <source>Complete</source>
        <translation>填写率</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quality_box.py" line="50"/>
        <source>Choose a quarter to see the completeness of its records.</source>
        <translation>选择一个季度，查看该季度记录的填写完整程度。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quality_box.py" line="66"/>
        <source>{0} records surveyed in {1} Q{2} on this computer.</source>
        <translation>本机 {1} 年第 {2} 季度调查的记录共 {0} 条。</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="43"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="45"/>
        <source>Open to correct</source>
        <translation>打开修改</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="49"/>
        <source>%v of %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="54"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="54"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="54"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="86"/>
        <source>Choose the values to keep on the Conflicts page.</source>
        <translation>请在“冲突”页选择要保留的值。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="101"/>
        <source>Syncing...</source>
        <translation>正在同步……</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="108"/>
        <source>Sending</source>
        <translation>正在上报</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="108"/>
        <source>Receiving</source>
        <translation>正在接收</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="115"/>
        <source>Sync done: {0} accepted, {1} refused, {2} conflicts, {3} received.</source>
        <translation>同步完成：中心接收 {0} 条，退回 {1} 条，冲突 {2} 条，收到更新 {3} 条。</translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="74"/>
        <source>Name, ID number or certificate number</source>
        <translation>姓名、身份证号或残疾人证号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="76"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="79"/>
        <source>to correct (newer rules)</source>
        <translation>需修改（新规则）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="82"/>
        <source>Any employment status</source>
        <translation>全部就业状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="89"/>
        <source>Surveyed in {0}</source>
        <translation>{0}年度调查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="90"/>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="92"/>
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="96"/>
        <source>Import list...</source>
        <translation>导入名单…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="150"/>
        <source>{0} records</source>
        <translation>共 {0} 条</translation>
    </message>
</context>
<context>
    <name>RecordModel</name>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="50"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="51"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="52"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="53"/>
        <source>Survey date</source>
        <translation>调查日期</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="54"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="198"/>
        <source> (to correct)</source>
        <translation>（需修改）</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="47"/>
        <source>System certificates</source>
        <translation>系统证书</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="50"/>
        <source>Save connection settings</source>
        <translation>保存连接设置</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="51"/>
        <source>Connection to the centre</source>
        <translation>与中心的连接</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="53"/>
        <source>Centre address</source>
        <translation>中心地址</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="54"/>
        <source>CA bundle</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="55"/>
        <source>Proxy</source>
        <translation>代理服务器</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="64"/>
        <source>Choose...</source>
        <translation>选择……</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="68"/>
        <source>This computer</source>
        <translation>本机设置</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="70"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="71"/>
        <location filename="../../desktop/ui/settings_view.py" line="117"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="73"/>
        <source>Back up...</source>
        <translation>备份……</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="74"/>
        <source>Restore...</source>
        <translation>恢复……</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="75"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="76"/>
        <source>Backup (encrypted)</source>
        <translation>备份（加密）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="110"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="114"/>
        <source>The language changes when the program starts again.</source>
        <translation>重新启动程序后切换语言。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="121"/>
        <source>The data folder changes when the program starts again.</source>
        <translation>重新启动程序后使用新的数据文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="128"/>
        <source>Backup written: {0}</source>
        <translation>备份已保存：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="133"/>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="139"/>
        <location filename="../../desktop/ui/settings_view.py" line="144"/>
        <location filename="../../desktop/ui/settings_view.py" line="151"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="145"/>
        <source>Password of the account when the backup was made:</source>
        <translation>备份时该账户的密码：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="152"/>
        <source>Replace the records on this computer with the backup?</source>
        <translation>用备份替换本机上的记录吗？</translation>
    </message>
</context>
<context>
    <name>SpotCheckView</name>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="91"/>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="91"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="91"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="91"/>
        <source>Verdict</source>
        <translation>核查状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="99"/>
        <source>No records were drawn for you to check. Sync to fetch them.</source>
        <translation>暂无分配给您的抽查记录。同步后即可获取。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="102"/>
        <source>Tick Matches where the household confirms the value, or type the value found.</source>
        <translation>入户核实一致的字段请勾选“相符”，不一致的请填写核实到的值。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="105"/>
        <source>All match</source>
        <translation>全部相符</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="106"/>
        <source>Save verdict</source>
        <translation>保存核查结果</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="112"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="113"/>
        <source>Recorded</source>
        <translation>登记值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="114"/>
        <source>Household says</source>
        <translation>入户核实</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="115"/>
        <source>Value found</source>
        <translation>核实值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="119"/>
        <source>Matches</source>
        <translation>相符</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="194"/>
        <source>Voided at the centre</source>
        <translation>中心已作废</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="196"/>
        <source>Not checked</source>
        <translation>未核查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="197"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="197"/>
        <source>To send</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="212"/>
        <source>{0}, {1}: {2} fields checked</source>
        <translation>{0}，{1}：已核查 {2} 个字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="240"/>
        <source>Tick Matches or type a value found on at least one field.</source>
        <translation>请至少对一个字段勾选“相符”或填写核实值。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="260"/>
        <source>Verdict kept; it goes to the centre with the next sync.</source>
        <translation>核查结果已保存，将在下次同步时发送到中心。</translation>
    </message>
</context>
<context>
    <name>State</name>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="38"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="39"/>
        <source>waiting to sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="40"/>
        <source>syncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="41"/>
        <source>synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="42"/>
        <source>refused</source>
        <translation>被退回</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="43"/>
        <source>conflict</source>
        <translation>冲突</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="58"/>
        <source>Whole year</source>
        <translation>全年</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="60"/>
        <source>Quarter {0}</source>
        <translation>第 {0} 季度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="64"/>
        <source>Up</source>
        <translation>返回上级</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="65"/>
        <source>Export XLSX...</source>
        <translation>导出 XLSX…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="66"/>
        <source>Export PDF...</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="70"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="195"/>
        <source>persons</source>
        <translation>人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="223"/>
        <source>Export report</source>
        <translation>导出通报</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="242"/>
        <source>Report written: {0}</source>
        <translation>通报已保存：{0}</translation>
    </message>
</context>
<context>
    <name>TrainingsInput</name>
    <message>
        <location filename="../../desktop/ui/trainings_input.py" line="33"/>
        <source>Add training</source>
        <translation>添加培训</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/trainings_input.py" line="34"/>
        <source>Remove training</source>
        <translation>删除培训</translation>
    </message>
</context>
<context>
    <name>Value</name>
    <message>
        <location filename="../../desktop/ui/value_text.py" line="23"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/value_text.py" line="24"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>VisitList</name>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="176"/>
        <source>Name or ID number; Enter opens the first</source>
        <translation>姓名或身份证号；按回车打开第一人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="180"/>
        <source>Township / village</source>
        <translation>乡镇 / 村(社区)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="180"/>
        <source>Surveyed / roster</source>
        <translation>已调查 / 底册</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="201"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="201"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="201"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="201"/>
        <source>Survey date</source>
        <translation>调查日期</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="270"/>
        <source>{0} round, {1}: surveyed {2}; {3} to visit here</source>
        <translation>{0}年度调查，{1}：已调查 {2}；此处待访 {3} 人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="297"/>
        <source>Surveyed this year but not on the roster (for the county to confirm): {0}</source>
        <translation>本年已调查但不在底册上的人员（待县残联确认）：{0} 人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="335"/>
        <source>(no village)</source>
        <translation>（未填村/社区）</translation>
    </message>
</context>
<context>
    <name>VisitModel</name>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="90"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="91"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="92"/>
        <source>Township</source>
        <translation>乡镇(街道)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="93"/>
        <source>Village</source>
        <translation>村(社区)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="94"/>
        <source>Address</source>
        <translation>住址</translation>
    </message>
</context>
</TS>
