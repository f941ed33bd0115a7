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
    <name>AccountsView</name>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="174"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="175"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="176"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="177"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="178"/>
        <source>Last contact</source>
        <translation>最后联系</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="179"/>
        <source>Version</source>
        <translation>程序版本</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="180"/>
        <source>Laptops</source>
        <translation>电脑</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="190"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="191"/>
        <source>Add account...</source>
        <translation>添加账户…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="193"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="195"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="196"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="197"/>
        <source>Enable the account again</source>
        <translation>重新启用账户</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="199"/>
        <source>For an account disabled by mistake; its laptops log in again</source>
        <translation>用于误停用的账户；其电脑需重新登录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="371"/>
        <source>Enable {0} again? It may log in again; its laptops must log in with the password.</source>
        <translation>确定重新启用 {0} 吗？启用后可以再登录；其电脑须用密码重新登录。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="373"/>
        <source>{0} is enabled again.</source>
        <translation>{0} 已重新启用。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="202"/>
        <source>Revoke a laptop...</source>
        <translation>注销电脑…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="219"/>
        <source>Worker accounts</source>
        <translation>工作人员账户</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="222"/>
        <source>Choose an account, then a button above to act on it</source>
        <translation>选中一个账户，再按上方的按钮处理</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="254"/>
        <source>Asking the centre...</source>
        <translation>正在向中心查询……</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="277"/>
        <source>{0} ({1} revoked)</source>
        <translation>{0}（{1} 台已注销）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="283"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="295"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="297"/>
        <location filename="../../desktop/ui/accounts_view.py" line="434"/>
        <source>One-time password</source>
        <translation>一次性密码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="298"/>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="333"/>
        <source>Account {0} created.</source>
        <translation>账户 {0} 已创建。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="345"/>
        <source>Reset the password of {0}? Its laptops must log in again with a one-time password.</source>
        <translation>确定重置 {0} 的密码吗？该账户须用一次性密码重新登录。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="349"/>
        <source>The password of {0} was reset.</source>
        <translation>{0} 的密码已重置。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="360"/>
        <source>Disable {0}? It can no longer log in or sync.</source>
        <translation>确定停用 {0} 吗？停用后不能再登录和同步。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="361"/>
        <source>{0} is disabled.</source>
        <translation>{0} 已停用。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="414"/>
        <source>The laptop of {0} is revoked; it erases the account&apos;s data when it next contacts the centre.</source>
        <translation>{0} 的电脑已注销；该电脑下次连接中心时会清除此账户在本机的数据。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="418"/>
        <source>The laptop of {0} is revoked.</source>
        <translation>{0} 的电脑已注销。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="422"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="424"/>
        <source>Yes</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="426"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="440"/>
        <source>{0}

One-time password of {1}:

{2}

It is shown only this once. Give it to the worker in person; it must be changed at the first login.</source>
        <translation>{0}

{1} 的一次性密码：

{2}

此密码只显示这一次。请当面交给本人；首次登录时必须修改。</translation>
    </message>
</context>
<context>
    <name>AddAccountDialog</name>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="57"/>
        <source>Add a worker account</source>
        <translation>添加调查员账户</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="80"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="81"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="82"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="83"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="108"/>
        <source>User name: letters, digits and . _ @ - only, at most 64.</source>
        <translation>用户名：只能包含字母、数字和 . _ @ -，最多 64 个字符。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="110"/>
        <source>Phone: 6 to 20 digits (- and a leading + allowed), or empty.</source>
        <translation>电话：6 到 20 位数字（可含 - 和开头的 +），或不填。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="112"/>
        <source>Choose the region.</source>
        <translation>请选择地区。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="113"/>
        <source>Name: at most 64 characters.</source>
        <translation>姓名：最多 64 个字符。</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="99"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="100"/>
        <source>Choose a conflict to see its fields</source>
        <translation>选中一项冲突，查看其不一致的字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="102"/>
        <source>Fields that differ</source>
        <translation>不一致的字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="104"/>
        <source>For each field, choose the value to keep: this laptop&apos;s or the centre&apos;s</source>
        <translation>逐个字段选择保留本机的值还是中心的值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="107"/>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="107"/>
        <location filename="../../desktop/ui/conflicts_view.py" line="181"/>
        <source>This laptop</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="107"/>
        <location filename="../../desktop/ui/conflicts_view.py" line="182"/>
        <source>Centre</source>
        <translation>中心</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="107"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="115"/>
        <source>Resolve with these choices</source>
        <translation>按所选值解决冲突</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="146"/>
        <source>same person</source>
        <translation>同一人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="146"/>
        <source>changed</source>
        <translation>两边修改</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="155"/>
        <source>Nothing to resolve.</source>
        <translation>没有需要处理的冲突。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="161"/>
        <source>The centre already has this person. Choose the values to keep; the existing record is updated and this duplicate is dropped.</source>
        <translation>中心已有此人的登记记录。请选择要保留的值：将更新已有记录，并删除本机这条重复记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="167"/>
        <source>This record was changed here and at the centre. Choose per field.</source>
        <translation>本机和中心都修改了这条记录，请逐项选择保留的值。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts_view.py" line="180"/>
        <source>Keep for {0}</source>
        <translation>{0}保留</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="112"/>
        <location filename="../../desktop/ui/entry_form.py" line="114"/>
        <source>I have checked the warnings above</source>
        <translation>我已核实以上提醒</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="160"/>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="162"/>
        <source>Asked for when it applies; greyed out otherwise.</source>
        <translation>适用时必填，不适用时变灰跳过。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="164"/>
        <source>Optional.</source>
        <translation>选填。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="309"/>
        <source>New record of the {0} survey</source>
        <translation>新记录（{0}年度调查）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="311"/>
        <source>Record of the {0} survey, state: {1}</source>
        <translation>{0}年度调查记录，状态：{1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="394"/>
        <source>{0} errors (F8 goes to the next):</source>
        <translation>有 {0} 处错误（按 F8 到下一处）：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="433"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="433"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="435"/>
        <source>Born {0}, {1}, age {2}</source>
        <translation>出生日期 {0}，{1}，{2} 岁</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="482"/>
        <source>This ID number is already registered: its record is open.</source>
        <translation>该身份证号已有记录，已为您打开该记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="495"/>
        <source>Filled in from this person&apos;s record of {0}.</source>
        <translation>已按此人{0}年度的记录预填，请核对后保存。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="537"/>
        <source>Check the warnings</source>
        <translation>请核对提醒</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="538"/>
        <source>{0}

Is everything right? Save it as it is?</source>
        <translation>{0}

以上都核对无误吗？按原样保存？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="547"/>
        <source>Check the warnings, then confirm to save.</source>
        <translation>请核对提醒，确认无误后保存。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="562"/>
        <source>Saved as a draft: {0} errors to correct before it can be sent.</source>
        <translation>已保存为草稿：还有 {0} 处错误需要改正后才能上报。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="565"/>
        <source>Saved; waiting to be sent to the centre.</source>
        <translation>已保存，等待同步到中心。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="608"/>
        <source>Unsaved typing from last time has been restored.</source>
        <translation>已恢复上次未保存的录入内容。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="92"/>
        <source>Review comment</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="316"/>
        <source>, review: {0}</source>
        <translation>，审核：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="329"/>
        <source>Returned by the review: {0}
Correct the marked fields and save (Ctrl+S); after the next sync it is reviewed again.</source>
        <translation>退回：{0}
请改正标出的项目后保存（Ctrl+S），下次同步后重新审核。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_form.py" line="334"/>
        <source>Corrected, waiting to sync. The review said: {0}
After the next sync it is reviewed again.</source>
        <translation>已改正，待同步。审核意见：{0}
下次同步后重新审核。</translation>
    </message>
</context>
<context>
    <name>EntryLayout</name>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="81"/>
        <source>18 characters; a lower-case x becomes X</source>
        <translation>18位；小写 x 会自动变成大写 X</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="84"/>
        <source>Filled with the ID number: type the category and level digits (and B1-B9 if re-issued)</source>
        <translation>已按身份证号填好前18位：请接着输入残疾类别、残疾等级各一位数字（换过证的再加 B1 到 B9）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="89"/>
        <source>Type a township&apos;s last three code digits or its name</source>
        <translation>输入乡镇（街道）代码的后三位或名称</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="92"/>
        <source>Education codes: 5 college, 6 bachelor (not the degree codes)</source>
        <translation>文化程度代码：5 大专，6 本科，7 研究生（与学历的代码不同）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="95"/>
        <source>Degree codes: 1 college, 2 bachelor (not the education codes)</source>
        <translation>学历代码：1 专科，2 本科，3 硕士，4 博士（与文化程度的代码不同）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="98"/>
        <location filename="../../desktop/ui/entry_layout.py" line="101"/>
        <source>A date such as 2024-03-05, 20240305 or 2024.3.5</source>
        <translation>日期，如 2024-03-05，也可输入 20240305 或 2024.3.5</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="110"/>
        <source>Type the code digit to choose</source>
        <translation>输入代码数字即可选择</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="112"/>
        <source>Space ticks or clears</source>
        <translation>按空格键勾选或取消</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="117"/>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="118"/>
        <source>Employment</source>
        <translation>就业情况</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="119"/>
        <source>Training</source>
        <translation>培训情况</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="120"/>
        <source>Graduate</source>
        <translation>高校毕业生</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="133"/>
        <location filename="../../desktop/ui/entry_layout.py" line="177"/>
        <source>Derived</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry_layout.py" line="167"/>
        <source>{0}: message</source>
        <translation>{0}的提示</translation>
    </message>
</context>
<context>
    <name>FieldMark</name>
    <message>
        <location filename="../../desktop/ui/field_marks.py" line="27"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/field_marks.py" line="28"/>
        <source>Warning</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/field_marks.py" line="38"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/field_marks.py" line="33"/>
        <source>Review comment: {0}</source>
        <translation>审核意见：{0}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="53"/>
        <source>Import a list</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="59"/>
        <source>optional: the department&apos;s saved mapping</source>
        <translation>可选：该部门保存的列对应文件</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="60"/>
        <location filename="../../desktop/ui/import_dialog.py" line="61"/>
        <source>Choose...</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="64"/>
        <source>Check (changes nothing)</source>
        <translation>试导入（不改变数据）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="65"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="66"/>
        <location filename="../../desktop/ui/import_dialog.py" line="211"/>
        <source>Save report...</source>
        <translation>保存报告…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="67"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="73"/>
        <source>Rows</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="73"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="73"/>
        <source>Why refused</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="73"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="84"/>
        <location filename="../../desktop/ui/import_dialog.py" line="100"/>
        <location filename="../../desktop/ui/import_dialog.py" line="129"/>
        <source>List file</source>
        <translation>名单文件</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="85"/>
        <location filename="../../desktop/ui/import_dialog.py" line="101"/>
        <location filename="../../desktop/ui/import_dialog.py" line="134"/>
        <source>Column mapping</source>
        <translation>列对应</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="86"/>
        <source>Choose the list file</source>
        <translation>选择名单文件</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="87"/>
        <source>Choose the column mapping</source>
        <translation>选择列对应文件</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="88"/>
        <source>Rows refused</source>
        <translation>未通过的行</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="90"/>
        <source>Each refused row: its number, the person, the fields and why</source>
        <translation>每个未通过的行：行号、姓名、字段和原因</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="165"/>
        <source>Checking...</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="165"/>
        <source>Importing...</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="189"/>
        <source>Would create {0}, update {1}; {2} unchanged, {3} refused.</source>
        <translation>将新建 {0} 条、更新 {1} 条；{2} 条无变化，{3} 条被拒绝。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="191"/>
        <source>Created {0}, updated {1}; {2} unchanged, {3} refused.</source>
        <translation>已新建 {0} 条、更新 {1} 条；{2} 条无变化，{3} 条被拒绝。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="197"/>
        <source>Row {0}</source>
        <translation>第 {0} 行</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="231"/>
        <source>Report saved: {0}</source>
        <translation>报告已保存：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="237"/>
        <source>The file {0} cannot be read: choose a CSV (UTF-8) or XLSX file whose first row holds the column names.</source>
        <translation>无法读取文件 {0}：请选择 CSV（UTF-8 编码）或 XLSX 文件，且第一行是列名。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_dialog.py" line="246"/>
        <source>The column mapping file cannot be used ({0}): choose the department&apos;s file.</source>
        <translation>列名对照文件无法使用（{0}）：请选择该部门的对照文件。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="113"/>
        <source>Log in - Disabled persons&apos; employment registry</source>
        <translation>登录 - 残疾人就业实名制管理</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="129"/>
        <source>Log in online</source>
        <translation>联网登录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="132"/>
        <source>Unlock offline</source>
        <translation>离线登录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="136"/>
        <source>Disabled persons&apos; employment and training real-name registry</source>
        <translation>残疾人就业和职业培训实名制管理</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="140"/>
        <source>Centre address</source>
        <translation>中心地址</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="141"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="142"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="159"/>
        <source>This laptop was revoked as lost: the data of {0} on it has been erased. Records already synced are safe at the centre.</source>
        <translation>此电脑已被管理员按丢失注销：账户 {0} 在本机的数据已全部清除。已同步到中心的记录不受影响。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="168"/>
        <source>Please wait...</source>
        <translation>请稍候……</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="176"/>
        <source>Enter the centre address and the user name.</source>
        <translation>请填写中心地址和用户名。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="180"/>
        <source>Not sent: the connection is not encrypted.</source>
        <translation>未发送：连接未加密。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="204"/>
        <source>This is a one-time password: set a new password first.</source>
        <translation>这是一次性密码，请先设置新密码。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="229"/>
        <source>Unencrypted connection</source>
        <translation>连接未加密</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="232"/>
        <source>The centre address {0} is not encrypted (http://): your password would cross the network in plain text, and anyone on the way could read it.

Ask your administrator for the https:// address. Send the password anyway?</source>
        <translation>中心地址 {0} 未加密（http://）：密码将以明文在网络上传输，途经的任何人都可能读到。

请向管理员索取 https:// 地址。仍要发送密码吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="237"/>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="239"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="86"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="52"/>
        <source>Disabled persons&apos; employment registry - {0} ({1})</source>
        <translation>残疾人就业实名制管理 - {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="69"/>
        <location filename="../../desktop/selfcheck.py" line="57"/>
        <source>Entry</source>
        <translation>录入</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="70"/>
        <source>To visit</source>
        <translation>待访</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="71"/>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="72"/>
        <source>To sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="73"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="74"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="75"/>
        <source>Spot checks</source>
        <translation>抽查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="76"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="82"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="101"/>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="105"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="118"/>
        <source>Logged in as, and region</source>
        <translation>登录账号和地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="119"/>
        <source>Log out or switch account (Ctrl+Shift+Q)</source>
        <translation>退出登录或切换账号（Ctrl+Shift+Q）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="120"/>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="121"/>
        <source>Records on this laptop</source>
        <translation>本机记录数</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="122"/>
        <source>Connection to the centre</source>
        <translation>与中心的连接</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="199"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="200"/>
        <source>New record</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="201"/>
        <source>Search records</source>
        <translation>查找记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="202"/>
        <source>Visit list</source>
        <translation>待访名单</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="203"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="204"/>
        <source>Next error</source>
        <translation>下一处错误</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="205"/>
        <source>Log out or switch account</source>
        <translation>退出登录或切换账户</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="246"/>
        <source>Logged out.</source>
        <translation>已退出登录。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="347"/>
        <source>{0} drafts, {1} to send, {2} refused, {3} conflicts, {4} synced</source>
        <translation>草稿 {0}，待上报 {1}，被拒收 {2}，冲突 {3}，已同步 {4}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="354"/>
        <source>To sync ({0})</source>
        <translation>待同步（{0}）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="361"/>
        <source>Conflicts ({0})</source>
        <translation>冲突（{0}）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="365"/>
        <source>Centre reachable</source>
        <translation>中心已连接</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="365"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="376"/>
        <source>Problem</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="376"/>
        <source>Program error</source>
        <translation>程序错误</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="394"/>
        <source>Backup restored; log in again.</source>
        <translation>备份已恢复，请重新登录。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="95"/>
        <source>Returned records</source>
        <translation>退回的记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="352"/>
        <source>Returned {0}</source>
        <translation>退回 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="356"/>
        <source>To sync ({0}, returned {1})</source>
        <translation>待同步（{0}，退回 {1}）</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="43"/>
        <source>Set a new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="46"/>
        <source>You logged in with a one-time password. Choose your own password now: at least 10 characters, not your user name, not a common password.</source>
        <translation>您使用的是一次性密码。请现在设置自己的密码：至少 10 个字符，不能包含用户名，不能是常见密码。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="68"/>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="72"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="73"/>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_dialog.py" line="85"/>
        <source>The two entries differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <location filename="../../desktop/ui/errors.py" line="43"/>
        <source>The file system refused: {0}</source>
        <translation>文件读写失败：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="47"/>
        <source>Program error (id {0}). Please tell the administrator this id.</source>
        <translation>程序错误（编号 {0}），请将此编号告知管理员。</translation>
    </message>
</context>
<context>
    <name>ProgressView</name>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="76"/>
        <source>Survey year</source>
        <translation>调查年度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="78"/>
        <source>Up (Backspace)</source>
        <translation>返回上级（退格键）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="80"/>
        <source>Up to the region above</source>
        <translation>返回上级地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="81"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="83"/>
        <source>Fetch the progress from the centre again</source>
        <translation>重新从中心获取进度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="91"/>
        <source>Progress by region</source>
        <translation>各地区进度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="93"/>
        <source>Enter or double-click opens a region; Backspace goes back up.</source>
        <translation>按回车键或双击进入该地区；按退格键返回上级。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="97"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="98"/>
        <source>Roster</source>
        <translation>名册人数</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="99"/>
        <location filename="../../desktop/ui/progress_view.py" line="177"/>
        <source>Surveyed</source>
        <translation>已调查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="100"/>
        <source>Rate %</source>
        <translation>调查率 %</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="101"/>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="102"/>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="103"/>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="104"/>
        <source>Unreviewed</source>
        <translation>未审核</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="120"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="132"/>
        <source>Workers</source>
        <translation>调查员</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="112"/>
        <location filename="../../desktop/ui/progress_view.py" line="136"/>
        <source>County, city and province accounts</source>
        <translation>县、市、省级账户</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="164"/>
        <source>Surveys week by week</source>
        <translation>每周调查人数</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="189"/>
        <source>persons</source>
        <translation>人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="195"/>
        <source>{0}: surveys week by week (weeks from Monday)</source>
        <translation>{0}：每周调查人数（每周从周一算起）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="222"/>
        <source>Asking the centre...</source>
        <translation>正在向中心查询……</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="233"/>
        <source>The figures below are those fetched at {0}.</source>
        <translation>下面是 {0} 获取的数字。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="245"/>
        <source>{0}, round of {1}, as of {2}</source>
        <translation>{0}，{1} 年度调查，截至 {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_view.py" line="250"/>
        <source>Total</source>
        <translation>合计</translation>
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
        <location filename="../../desktop/ui/quality_box.py" line="41"/>
        <source>Completeness of the optional fields</source>
        <translation>选填字段的完整率</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quality_box.py" line="52"/>
        <source>Choose a quarter to see the completeness of its records.</source>
        <translation>选择一个季度，查看该季度记录的填写完整程度。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/quality_box.py" line="68"/>
        <source>{0} records surveyed in {1} Q{2} on this computer.</source>
        <translation>本机 {1} 年第 {2} 季度调查的记录共 {0} 条。</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="48"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="50"/>
        <source>Open to correct</source>
        <translation>打开修改</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="55"/>
        <source>%v of %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="60"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="60"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="60"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="65"/>
        <source>Records to sync</source>
        <translation>待同步记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="68"/>
        <source>Records not yet at the centre; choose one, then Open to correct</source>
        <translation>尚未到达中心的记录；选中一条后按“打开修改”</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="99"/>
        <source>Choose the values to keep on the Conflicts page.</source>
        <translation>请在“冲突”页选择要保留的值。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="125"/>
        <source>Syncing...</source>
        <translation>正在同步……</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_view.py" line="138"/>
        <source>Sync done: {0} accepted, {1} refused, {2} conflicts, {3} received.</source>
        <translation>同步完成：中心接收 {0} 条，拒收 {1} 条，冲突 {2} 条，收到更新 {3} 条。</translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="86"/>
        <source>Name, ID number or certificate number</source>
        <translation>姓名、身份证号或残疾人证号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="88"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="91"/>
        <source>to correct (newer rules)</source>
        <translation>需修改（新规则）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="94"/>
        <source>Any employment status</source>
        <translation>全部就业状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="101"/>
        <source>Surveyed in {0}</source>
        <translation>{0}年度调查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="102"/>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="104"/>
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="109"/>
        <source>All surveyors</source>
        <translation>全部调查人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="110"/>
        <source>Surveyor</source>
        <translation>调查人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="111"/>
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="112"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="113"/>
        <source>Employment status</source>
        <translation>就业状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="114"/>
        <source>Region</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="115"/>
        <source>Survey year</source>
        <translation>调查年度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="124"/>
        <source>Import list...</source>
        <translation>导入名单…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="127"/>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="129"/>
        <source>Enter or a double click opens a record</source>
        <translation>回车或双击打开记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="232"/>
        <source>{0} records</source>
        <translation>共 {0} 条</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="118"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_list.py" line="119"/>
        <source>Any review state</source>
        <translation>全部审核状态</translation>
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
        <location filename="../../desktop/ui/record_model.py" line="55"/>
        <source>Surveyor</source>
        <translation>调查人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="186"/>
        <source> (to correct)</source>
        <translation>（需修改）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="56"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="125"/>
        <source>A return needs a reason.</source>
        <translation>退回须填写原因。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="94"/>
        <location filename="../../desktop/ui/return_dialog.py" line="95"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="57"/>
        <source>Choose a field with the arrow keys and type its comment.</source>
        <translation>用方向键选择字段，直接输入意见。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="60"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="55"/>
        <source>Comments on fields</source>
        <translation>字段意见</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="52"/>
        <source>Comments on fields (type in the comment column):</source>
        <translation>字段意见（在“意见”一列输入）：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="60"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="49"/>
        <source>Reason for the return</source>
        <translation>退回原因</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="91"/>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="92"/>
        <source>Return the record</source>
        <translation>退回该记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="39"/>
        <location filename="../../desktop/ui/return_dialog.py" line="40"/>
        <source>Return to the worker</source>
        <translation>退回调查员</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="135"/>
        <source>The comment on {0} is too long.</source>
        <translation>“{0}”的意见过长（最多 200 字）。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="129"/>
        <source>The reason is too long.</source>
        <translation>退回原因过长（最多 500 字）。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="60"/>
        <source>Value</source>
        <translation>当前值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/return_dialog.py" line="42"/>
        <source>Why is the record of {0} returned? (required)</source>
        <translation>为什么退回 {0} 的记录？（必填）</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="41"/>
        <source>approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="40"/>
        <source>not reviewed</source>
        <translation>未审核</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="42"/>
        <source>returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="43"/>
        <source>corrected, waiting to sync</source>
        <translation>已改正，待同步</translation>
    </message>
</context>
<context>
    <name>ReviewColumns</name>
    <message>
        <location filename="../../desktop/ui/review_columns.py" line="92"/>
        <source>The review figures shown are those fetched at {0}.</source>
        <translation>表中的审核率、退回率为 {0} 查询的数字。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_columns.py" line="56"/>
        <source>Review rate</source>
        <translation>审核率</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_columns.py" line="56"/>
        <source>Return rate</source>
        <translation>退回率</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_columns.py" line="52"/>
        <source>Where the review and return rates come from</source>
        <translation>审核率和退回率的来源</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_columns.py" line="71"/>
        <source>Review and return rates: asking the centre...</source>
        <translation>审核率、退回率：正在向中心查询…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_columns.py" line="82"/>
        <source>Review and return rates as the centre counts them, at {0}.</source>
        <translation>审核率、退回率为中心的统计（{0} 查询）。</translation>
    </message>
</context>
<context>
    <name>ReviewNotes</name>
    <message>
        <location filename="../../desktop/ui/review_notes.py" line="31"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_notes.py" line="43"/>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="283"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="418"/>
        <source>Refused by the centre (tell the administrator): {0}.</source>
        <translation>中心拒收（请告知管理员）：{0}。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="390"/>
        <source>{0} reviews reached the centre.</source>
        <translation>{0} 条审核已报送中心。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="280"/>
        <source> - {0}</source>
        <translation>：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="94"/>
        <source>All townships</source>
        <translation>全部乡镇（街道）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="100"/>
        <source>All workers</source>
        <translation>全部调查人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="106"/>
        <source>Any review state</source>
        <translation>全部审核状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="201"/>
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="124"/>
        <source>Approve (Ctrl+Enter)</source>
        <translation>通过 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="351"/>
        <source>Approve all listed</source>
        <translation>批量通过</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="130"/>
        <source>Approve all listed...</source>
        <translation>批量通过列表...</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="132"/>
        <source>Approve every record listed</source>
        <translation>通过列表中的全部记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="126"/>
        <source>Approve the chosen record</source>
        <translation>通过选中的记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="352"/>
        <source>Approve the {0} records listed?</source>
        <translation>确定通过列表中的 {0} 条记录？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="356"/>
        <source>Approve {0}</source>
        <translation>通过 {0} 条</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="339"/>
        <source>Approved; it goes to the centre with the next sync.</source>
        <translation>已通过，下次同步时报送中心。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="358"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="410"/>
        <source>Changed since you reviewed it (review it again): {0}.</source>
        <translation>审核后记录已更改（请重新审核）：{0}。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="142"/>
        <source>Changes since the earlier year</source>
        <translation>与上年相比的变化</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="275"/>
        <source>Changes since the earlier year:</source>
        <translation>与上年相比的变化：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="293"/>
        <source>Changes since the record of {0}:</source>
        <translation>与 {0} 的记录相比的变化：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="113"/>
        <source>Ctrl+Enter approves the chosen record; Ctrl+R returns it to the worker.</source>
        <translation>Ctrl+Enter 通过选中的记录；Ctrl+R 退回调查员。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="144"/>
        <source>Earlier</source>
        <translation>上次</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="144"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="290"/>
        <source>No earlier year&apos;s record of this person.</source>
        <translation>此人没有往年的记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="288"/>
        <source>No rule is broken.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="415"/>
        <source>Not yours to review: {0}.</source>
        <translation>不在本账户审核范围内：{0}。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="90"/>
        <source>Records surveyed in {0}</source>
        <translation>{0} 年调查的记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="111"/>
        <source>Records to review</source>
        <translation>待审核的记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="129"/>
        <source>Return the chosen record to its worker</source>
        <translation>把选中的记录退回调查员</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="202"/>
        <source>Return to the worker</source>
        <translation>退回调查员</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="127"/>
        <source>Return... (Ctrl+R)</source>
        <translation>退回... (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="341"/>
        <source>Returned; it goes to the centre with the next sync.</source>
        <translation>已退回，下次同步时报送中心。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="423"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="103"/>
        <source>Review state</source>
        <translation>审核状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="278"/>
        <source>Review: {0}</source>
        <translation>审核：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="138"/>
        <source>Rule warnings of the record</source>
        <translation>该记录的校验提示</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="179"/>
        <source>Rule warnings:</source>
        <translation>校验提示：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="407"/>
        <source>The centre did not take some reviews.</source>
        <translation>中心未接受部分审核。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="144"/>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="93"/>
        <source>Township</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="99"/>
        <source>Worker</source>
        <translation>调查人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="240"/>
        <source>{0} records</source>
        <translation>{0} 条记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/review_view.py" line="375"/>
        <source>{0} records approved; they go to the centre with the next sync.</source>
        <translation>已通过 {0} 条记录，下次同步时报送中心。</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="122"/>
        <source>Revoke a laptop of {0}</source>
        <translation>注销 {0} 的电脑</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="127"/>
        <source>{0}, last contact {1}, version {2}</source>
        <translation>{0}，最后联系 {1}，程序版本 {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="132"/>
        <source>The laptop is lost or stolen: erase this account&apos;s data on it</source>
        <translation>电脑丢失或被盗：清除该电脑上此账户的数据</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/accounts_view.py" line="137"/>
        <source>The laptop can no longer log in to this account or sync. Records it has not synced yet cannot reach the centre any more. For a lost laptop, also reset the account&apos;s password.</source>
        <translation>注销后，该电脑不能再登录此账户，也不能同步；其中尚未同步的记录将无法再上报中心。电脑丢失时，请同时重置该账户的密码。</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="50"/>
        <source>System certificates</source>
        <translation>系统证书</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="53"/>
        <source>Save connection settings</source>
        <translation>保存连接设置</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="54"/>
        <source>Connection to the centre</source>
        <translation>与中心的连接</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="56"/>
        <source>Centre address</source>
        <translation>中心地址</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="57"/>
        <source>CA bundle</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="58"/>
        <source>Proxy</source>
        <translation>代理服务器</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="76"/>
        <source>Choose...</source>
        <translation>选择……</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="81"/>
        <source>This computer</source>
        <translation>本机设置</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="65"/>
        <location filename="../../desktop/ui/settings_view.py" line="83"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="71"/>
        <location filename="../../desktop/ui/settings_view.py" line="84"/>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="72"/>
        <source>Enlarges the text of every screen</source>
        <translation>放大所有界面的文字</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="75"/>
        <location filename="../../desktop/ui/settings_view.py" line="85"/>
        <location filename="../../desktop/ui/settings_view.py" line="141"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="77"/>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="87"/>
        <source>Back up...</source>
        <translation>备份……</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="88"/>
        <source>Restore...</source>
        <translation>恢复……</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="89"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="90"/>
        <source>Shows the versions below</source>
        <translation>在下方显示各项版本</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="91"/>
        <source>Backup (encrypted)</source>
        <translation>备份（加密）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="126"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="130"/>
        <source>The language changes when the program starts again.</source>
        <translation>重新启动程序后切换语言。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="138"/>
        <source>Font size set to {0}%.</source>
        <translation>字号已设为 {0}%。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="145"/>
        <source>The data folder changes when the program starts again.</source>
        <translation>重新启动程序后使用新的数据文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="152"/>
        <source>Backup written: {0}</source>
        <translation>备份已保存：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="157"/>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="163"/>
        <location filename="../../desktop/ui/settings_view.py" line="168"/>
        <location filename="../../desktop/ui/settings_view.py" line="175"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="169"/>
        <source>Password of the account when the backup was made:</source>
        <translation>备份时该账户的密码：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="176"/>
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
        <source>Records to check</source>
        <translation>待抽查记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="101"/>
        <source>Choose a record to record its verdict</source>
        <translation>选中一条记录，填写抽查结论</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="102"/>
        <source>No records were drawn for you to check. Sync to fetch them.</source>
        <translation>暂无分配给您的抽查记录。同步后即可获取。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="105"/>
        <source>Tick Matches where the household confirms the value, or type the value found.</source>
        <translation>入户核实一致的字段请勾选“相符”，不一致的请填写核实到的值。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="108"/>
        <source>All match</source>
        <translation>全部相符</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="109"/>
        <source>Save verdict</source>
        <translation>保存核查结果</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="115"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="116"/>
        <source>Recorded</source>
        <translation>登记值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="117"/>
        <source>Household says</source>
        <translation>入户核实</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="118"/>
        <source>Value found</source>
        <translation>核实值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="122"/>
        <source>Matches</source>
        <translation>相符</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="124"/>
        <source>{0}: matches</source>
        <translation>{0}：相符</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="125"/>
        <source>{0}: value found</source>
        <translation>{0}：核实值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="200"/>
        <source>Voided at the centre</source>
        <translation>中心已作废</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="202"/>
        <source>Not checked</source>
        <translation>未核查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="203"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="203"/>
        <source>To send</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="218"/>
        <source>{0}, {1}: {2} fields checked</source>
        <translation>{0}，{1}：已核查 {2} 个字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="246"/>
        <source>Tick Matches or type a value found on at least one field.</source>
        <translation>请至少对一个字段勾选“相符”或填写核实值。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/spotcheck_view.py" line="266"/>
        <source>Verdict kept; it goes to the centre with the next sync.</source>
        <translation>核查结果已保存，将在下次同步时发送到中心。</translation>
    </message>
</context>
<context>
    <name>State</name>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="28"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="29"/>
        <source>waiting to sync</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="30"/>
        <source>synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="31"/>
        <source>refused</source>
        <translation>被拒收</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/record_model.py" line="32"/>
        <source>conflict</source>
        <translation>冲突</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="122"/>
        <source>Statistics pages</source>
        <translation>统计页面</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="123"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="127"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="68"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="70"/>
        <source>Whole year</source>
        <translation>全年</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="72"/>
        <source>Quarter {0}</source>
        <translation>第 {0} 季度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="73"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="75"/>
        <source>Indicator of the chart</source>
        <translation>图表指标</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="78"/>
        <source>Up</source>
        <translation>返回上级</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="79"/>
        <source>Export XLSX...</source>
        <translation>导出 XLSX…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="80"/>
        <source>Export PDF...</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="84"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="96"/>
        <source>Indicators by region</source>
        <translation>各地区指标</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="98"/>
        <source>Enter on a region shows its parts</source>
        <translation>在某地区上按回车，查看其下级地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="173"/>
        <source>Bar chart</source>
        <translation>柱状图</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="174"/>
        <source>The table below holds its figures</source>
        <translation>下方表格列有图中的数字</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="268"/>
        <source>persons</source>
        <translation>人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="305"/>
        <source>Export report</source>
        <translation>导出通报</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/statistics_view.py" line="324"/>
        <source>Report written: {0}</source>
        <translation>通报已保存：{0}</translation>
    </message>
</context>
<context>
    <name>SyncControl</name>
    <message>
        <location filename="../../desktop/ui/sync_control.py" line="141"/>
        <source>Last successful sync: {0}</source>
        <translation>上次同步成功：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_control.py" line="143"/>
        <source>Not synced yet</source>
        <translation>尚未同步过</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_control.py" line="145"/>
        <source>Cannot reach the centre; the records are kept on this computer and will sync by themselves when the network is back.</source>
        <translation>无法连接中心，记录已保存在本机，有网络时会自动同步。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_control.py" line="150"/>
        <source>The connection keeps dropping; the records are kept on this computer. Try again where the signal is better.</source>
        <translation>网络连接不断中断，记录已保存在本机。请到信号较好的地方再同步。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_control.py" line="155"/>
        <source>The login has expired; log in again to sync.</source>
        <translation>登录已过期，请重新登录后同步。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_control.py" line="158"/>
        <source>The centre has a problem; try again later or tell the administrator.</source>
        <translation>中心服务器出现问题，请稍后再试或联系管理员。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_control.py" line="161"/>
        <source>The last sync failed; try again later.</source>
        <translation>上次同步未完成，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_control.py" line="173"/>
        <source>Sending: {0}/{1} records</source>
        <translation>正在发送：{0}/{1} 条</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_control.py" line="177"/>
        <source>Receiving: {0} records</source>
        <translation>正在接收：{0} 条</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_control.py" line="181"/>
        <source>Receiving the roster: {0} persons</source>
        <translation>正在接收调查底册：{0} 人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_control.py" line="185"/>
        <source>, {0} persons/s</source>
        <translation>，每秒 {0} 人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_control.py" line="189"/>
        <source>, {0} records/s</source>
        <translation>，每秒 {0} 条</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_control.py" line="195"/>
        <source>, about {0} min {1} s left</source>
        <translation>，约剩 {0} 分 {1} 秒</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_control.py" line="199"/>
        <source>, about {0} s left</source>
        <translation>，约剩 {0} 秒</translation>
    </message>
</context>
<context>
    <name>TrainingsInput</name>
    <message>
        <location filename="../../desktop/ui/trainings_input.py" line="41"/>
        <source>Add training (Insert)</source>
        <translation>添加培训（Insert）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/trainings_input.py" line="42"/>
        <source>Remove training (Ctrl+Delete)</source>
        <translation>删除培训（Ctrl+Delete）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/trainings_input.py" line="55"/>
        <source>Trainings</source>
        <translation>培训</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/trainings_input.py" line="94"/>
        <location filename="../../desktop/ui/trainings_input.py" line="137"/>
        <source>Training {0}: {1}</source>
        <translation>第{0}条培训：{1}</translation>
    </message>
</context>
<context>
    <name>Value</name>
    <message>
        <location filename="../../desktop/ui/value_text.py" line="27"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/value_text.py" line="28"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>VisitList</name>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="133"/>
        <source>Name or ID number; Enter opens the first</source>
        <translation>姓名或身份证号；按回车打开第一人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="135"/>
        <source>Search the persons to visit</source>
        <translation>搜索待访人员</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="137"/>
        <source>Name or ID number; Enter opens the first, Down goes to the list</source>
        <translation>输入姓名或身份证号；回车打开第一人，向下键进入名单</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="141"/>
        <source>Township / village</source>
        <translation>乡镇 / 村(社区)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="141"/>
        <source>Surveyed / roster</source>
        <translation>已调查 / 底册</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="145"/>
        <source>Townships and villages</source>
        <translation>乡镇和村</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="147"/>
        <source>Choose a place to list its persons to visit; its progress beside it</source>
        <translation>选择乡镇或村，列出其待访人员；旁边是调查进度</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="162"/>
        <source>Persons to visit</source>
        <translation>待访人员</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="165"/>
        <source>Enter opens the entry form for this year&apos;s visit of the person</source>
        <translation>回车打开录入表，录入此人本年度的调查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="172"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="172"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="172"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="172"/>
        <source>Survey date</source>
        <translation>调查日期</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="182"/>
        <source>Surveyed this year, not on the roster</source>
        <translation>本年已调查但不在底册中</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="184"/>
        <source>Enter opens the person&apos;s record</source>
        <translation>回车打开此人的记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="246"/>
        <source>{0} round, {1}: surveyed {2}; {3} to visit here</source>
        <translation>{0}年度调查，{1}：已调查 {2}；此处待访 {3} 人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="273"/>
        <source>Surveyed this year but not on the roster (for the county to confirm): {0}</source>
        <translation>本年已调查但不在底册上的人员（待县残联确认）：{0} 人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="311"/>
        <source>(no village)</source>
        <translation>（未填村/社区）</translation>
    </message>
</context>
<context>
    <name>VisitModel</name>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="76"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="77"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="78"/>
        <source>Township</source>
        <translation>乡镇(街道)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="79"/>
        <source>Village</source>
        <translation>村(社区)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/visit_list.py" line="80"/>
        <source>Address</source>
        <translation>住址</translation>
    </message>
</context>
<context>
    <name>WorkersTable</name>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="42"/>
        <source>Workers</source>
        <translation>调查员</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="45"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="46"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="47"/>
        <source>Surveyed</source>
        <translation>已调查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="48"/>
        <source>Last sync</source>
        <translation>最近同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="49"/>
        <source>Version</source>
        <translation>程序版本</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="50"/>
        <source>Queued</source>
        <translation>待同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="51"/>
        <source>Attention</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="73"/>
        <source>never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="76"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="114"/>
        <source>Has never synced with the centre.</source>
        <translation>从未与中心同步。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="96"/>
        <source>Not synced</source>
        <translation>未同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="119"/>
        <source>Has not synced for {0} days, with {1} changes waiting.</source>
        <translation>已 {0} 天未同步，尚有 {1} 项修改待上传。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="122"/>
        <source>Has not synced for {0} days.</source>
        <translation>已 {0} 天未同步。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="100"/>
        <source>Old version</source>
        <translation>版本过旧</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress_workers.py" line="101"/>
        <source>Runs program version {0}, older than this one.</source>
        <translation>使用的程序版本 {0} 比本机的旧，请升级。</translation>
    </message>
</context>
</TS>
