<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>MainWindow</name>
        <message>
            <source>&amp;Users…</source>
            <translation>用户(&amp;U)…</translation>
        </message>
        <message>
            <source>Service &amp;indicators dashboard…</source>
            <translation>服务指标看板(&amp;I)…</translation>
        </message>
        <message>
            <source>Case %1 is not in the case list.</source>
            <translation>案件列表中没有案件 %1。</translation>
        </message>
        <message>
            <source>C&amp;hase…</source>
            <translation>催问(&amp;H)…</translation>
        </message>
        <message>
            <source>Case &amp;list</source>
            <translation>案件列表(&amp;L)</translation>
        </message>
        <message>
            <source>E&amp;stimate</source>
            <translation>定损单(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Submit for review</source>
            <translation>提交核损(&amp;S)</translation>
        </message>
        <message>
            <source>Estimate &amp;sheet…</source>
            <translation>估损单(&amp;S)…</translation>
        </message>
        <message>
            <source>&amp;Customer signs…</source>
            <translation>客户签字(&amp;C)…</translation>
        </message>
        <message>
            <source>Approval &amp;notice</source>
            <translation>核损通知(&amp;N)</translation>
        </message>
        <message>
            <source>Su&amp;pplement</source>
            <translation>追加定损(&amp;P)</translation>
        </message>
        <message>
            <source>Case &amp;details…</source>
            <translation>案件信息(&amp;D)…</translation>
        </message>
        <message>
            <source>Review &amp;desk</source>
            <translation>核损台(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Review</source>
            <translation>核损(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Tools</source>
            <translation>工具(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Flood inventory assessment…</source>
            <translation>存货水浸定损(&amp;F)…</translation>
        </message>
        <message>
            <source>&amp;Settings: limits, targets, settlement…</source>
            <translation>设置：时限、目标与理赔(&amp;S)…</translation>
        </message>
        <message>
            <source>&amp;Data</source>
            <translation>数据(&amp;D)</translation>
        </message>
        <message>
            <source>Import parts &amp;catalog…</source>
            <translation>导入配件目录(&amp;C)…</translation>
        </message>
        <message>
            <source>Import &amp;labor standards…</source>
            <translation>导入工时标准(&amp;L)…</translation>
        </message>
        <message>
            <source>Import &amp;depreciation table…</source>
            <translation>导入折旧率表(&amp;D)…</translation>
        </message>
        <message>
            <source>Import &amp;flooded-vehicle guide…</source>
            <translation>导入水淹车指南(&amp;F)…</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>Review desk</source>
            <translation>核损台</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <source>The language changes when the workstation restarts.</source>
            <translation>重新启动工作站后切换语言。</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>Overdue only</source>
            <translation>只看超时</translation>
        </message>
        <message>
            <source>Estimator — loss assessment workstation</source>
            <translation>定损工作站</translation>
        </message>
        <message>
            <source>Claim no., plate or VIN</source>
            <translation>报案号、车牌或车架号</translation>
        </message>
        <message>
            <source>&amp;Case</source>
            <translation>案件(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;New case…</source>
            <translation>新建案件(&amp;N)…</translation>
        </message>
        <message>
            <source>&amp;Find case</source>
            <translation>查找案件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>撤销(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>重做(&amp;R)</translation>
        </message>
        <message>
            <source>Find &amp;part</source>
            <translation>查找配件(&amp;P)</translation>
        </message>
        <message>
            <source>Main</source>
            <translation>主工具栏</translation>
        </message>
        <message>
            <source>&amp;Partner shops…</source>
            <translation>合作修理厂(&amp;P)…</translation>
        </message>
        <message>
            <source>C&amp;orrect part…</source>
            <translation>配件纠错(&amp;O)…</translation>
        </message>
        <message>
            <source>Archived</source>
            <translation>已归档</translation>
        </message>
        <message>
            <source>&amp;Back up the database…</source>
            <translation>备份数据库(&amp;B)…</translation>
        </message>
        <message>
            <source>&amp;Pending list…</source>
            <translation>未决清单(&amp;P)…</translation>
        </message>
        <message>
            <source>&amp;Approve within authority</source>
            <translation>权限内核定(&amp;A)</translation>
        </message>
        <message>
            <source>On-site d&amp;ocuments…</source>
            <translation>现场单证(&amp;O)…</translation>
        </message>
        <message>
            <source>Large-case &amp;queue and escalations…</source>
            <translation>大案队列与升级督办(&amp;Q)…</translation>
        </message>
        <message>
            <source>Field &amp;events…</source>
            <translation>现场事件(&amp;E)…</translation>
        </message>
    </context>
    <context>
        <name>EstimateEditor</name>
        <message>
            <source>Chase…</source>
            <translation>催问…</translation>
        </message>
        <message>
            <source>Waiting for the database server…</source>
            <translation>正在等待数据库服务器…</translation>
        </message>
        <message>
            <source>The database server cannot be reached: the case details cannot be opened now. Try again when the connection is back.</source>
            <translation>无法连接数据库服务器，暂时无法打开案件信息。连接恢复后请重试。</translation>
        </message>
        <message>
            <source>Case details…</source>
            <translation>案件信息…</translation>
        </message>
        <message>
            <source>Correct the plate, VIN, insured, claim number, shop, region, paint or model</source>
            <translation>更正车牌、VIN、被保险人、报案号、修理厂、地区、漆种或车型</translation>
        </message>
        <message>
            <source>First save again, re-apply or discard the edit that was not saved; then change the case details.</source>
            <translation>请先再次保存、重新应用或放弃未保存的修改，再修改案件信息。</translation>
        </message>
        <message>
            <source>The database server cannot be reached. Your edit is kept and will be saved when the connection is back; retrying…</source>
            <translation>无法连接数据库服务器。您的修改已保留，连接恢复后将自动保存；正在重试…</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>打印…</translation>
        </message>
        <message>
            <source>replace</source>
            <translation>更换</translation>
        </message>
        <message>
            <source>repair</source>
            <translation>修复</translation>
        </message>
        <message>
            <source>Repair or replace: repair %1, replace %2 (%3 %) → suggest %4</source>
            <translation>修换建议：修复 %1，更换 %2（%3%）→ 建议%4</translation>
        </message>
        <message>
            <source>; replacing needs a reason</source>
            <translation>；如更换须写明原因</translation>
        </message>
        <message>
            <source>overdue since</source>
            <translation>已超时，时限</translation>
        </message>
        <message>
            <source>due</source>
            <translation>时限</translation>
        </message>
        <message>
            <source>Photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Estimate sheet (PDF)</source>
            <translation>估损单 (PDF)</translation>
        </message>
        <message>
            <source>Customer signs…</source>
            <translation>客户签字…</translation>
        </message>
        <message>
            <source>Rule</source>
            <translation>规则</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>级别</translation>
        </message>
        <message>
            <source>Finding</source>
            <translation>审核提示</translation>
        </message>
        <message>
            <source>Review findings</source>
            <translation>核损规则提示</translation>
        </message>
        <message>
            <source>unit price</source>
            <translation>单价</translation>
        </message>
        <message>
            <source>hours</source>
            <translation>工时</translation>
        </message>
        <message>
            <source>Override reason</source>
            <translation>调整原因</translation>
        </message>
        <message>
            <source>Why is the %1 changed?</source>
            <translation>为什么调整%1？</translation>
        </message>
        <message>
            <source>An override needs a reason; nothing was changed.</source>
            <translation>调整必须填写原因，未作修改。</translation>
        </message>
        <message>
            <source>Override</source>
            <translation>调整</translation>
        </message>
        <message>
            <source>Approval notice</source>
            <translation>核定通知</translation>
        </message>
        <message>
            <source>Copied to the clipboard; sending recorded.</source>
            <translation>已复制到剪贴板，并已记录发送时间。</translation>
        </message>
        <message>
            <source>Submit for review</source>
            <translation>提交核损</translation>
        </message>
        <message>
            <source>Supplement</source>
            <translation>追加定损</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>变化</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Line</source>
            <translation>项目</translation>
        </message>
        <message>
            <source>Before → after</source>
            <translation>原 → 现</translation>
        </message>
        <message>
            <source>Fields</source>
            <translation>改动</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>操作人</translation>
        </message>
        <message>
            <source>What</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>Lines</source>
            <translation>项目明细</translation>
        </message>
        <message>
            <source>Changes from the previous version</source>
            <translation>与上一版比较</translation>
        </message>
        <message>
            <source>History</source>
            <translation>案件记录</translation>
        </message>
        <message>
            <source>Added</source>
            <translation>新增</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>变更</translation>
        </message>
        <message>
            <source>Removed</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>No estimate open</source>
            <translation>未打开估损单</translation>
        </message>
        <message>
            <source>Find a part: Chinese, pinyin initials (qbxg) or part number</source>
            <translation>查找配件：中文、拼音首字母 (qbxg) 或配件编码</translation>
        </message>
        <message>
            <source>Add as replace (Enter)</source>
            <translation>按更换添加 (回车)</translation>
        </message>
        <message>
            <source>Add part only</source>
            <translation>只加配件</translation>
        </message>
        <message>
            <source>Parts catalog</source>
            <translation>配件目录</translation>
        </message>
        <message>
            <source>Remove line (Del)</source>
            <translation>删除行 (Del)</translation>
        </message>
        <message>
            <source>Totals</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>In words</source>
            <translation>大写金额</translation>
        </message>
        <message>
            <source>Tier</source>
            <translation>定损时限档</translation>
        </message>
        <message>
            <source>Add %1</source>
            <translation>添加 %1</translation>
        </message>
        <message>
            <source>Change quantity</source>
            <translation>修改数量</translation>
        </message>
        <message>
            <source>Remove line</source>
            <translation>删除行</translation>
        </message>
        <message>
            <source>class</source>
            <translation>级别</translation>
        </message>
        <message>
            <source>region</source>
            <translation>地区</translation>
        </message>
        <message>
            <source>Parts</source>
            <translation>配件合计</translation>
        </message>
        <message>
            <source>Management fee</source>
            <translation>配件管理费</translation>
        </message>
        <message>
            <source>Labor</source>
            <translation>工时合计</translation>
        </message>
        <message>
            <source>Paint</source>
            <translation>喷漆合计</translation>
        </message>
        <message>
            <source>Material</source>
            <translation>辅料合计</translation>
        </message>
        <message>
            <source>Sublet</source>
            <translation>外修合计</translation>
        </message>
        <message>
            <source>Towing</source>
            <translation>施救费</translation>
        </message>
        <message>
            <source>Salvage (deducted)</source>
            <translation>残值 (扣除)</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>On site</source>
            <translation>现场定损</translation>
        </message>
        <message>
            <source>Standard</source>
            <translation>一般定损</translation>
        </message>
        <message>
            <source>Teardown</source>
            <translation>拆解定损</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>待核损</translation>
        </message>
        <message>
            <source>Returned</source>
            <translation>核损退回</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>核损通过</translation>
        </message>
        <message>
            <source>Signed</source>
            <translation>客户已签字</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>已结案</translation>
        </message>
        <message>
            <source>Shop invoice…</source>
            <translation>修理厂结算发票…</translation>
        </message>
        <message>
            <source>Guarantee certificate No. %1, valid until %2</source>
            <translation>无差价承诺书 No. %1，有效期至 %2</translation>
        </message>
        <message>
            <source>Certificate No. %1 no longer matches the approved content; a changed estimate needs a new certificate</source>
            <translation>承诺书 No. %1 与核定内容不再一致；估损单变更后须重新出具承诺书</translation>
        </message>
        <message>
            <source>Qualifies for the no-price-difference guarantee</source>
            <translation>符合无差价承诺条件</translation>
        </message>
        <message>
            <source>line %1: </source>
            <translation>第 %1 行：</translation>
        </message>
        <message>
            <source>Does not qualify for the no-price-difference guarantee:</source>
            <translation>不符合无差价承诺条件：</translation>
        </message>
        <message>
            <source>No guarantee: not a partner shop</source>
            <translation>无差价承诺不适用：非合作修理厂</translation>
        </message>
        <message>
            <source>Save again</source>
            <translation>重新保存</translation>
        </message>
        <message>
            <source>Not saved: your change is kept on screen. Press Save again when the problem is fixed.</source>
            <translation>未保存：您的修改仍保留在屏幕上，问题解决后请点击“重新保存”。</translation>
        </message>
        <message>
            <source>First re-apply or discard the edit that was refused.</source>
            <translation>请先重新应用或放弃被拒绝保存的修改。</translation>
        </message>
        <message>
            <source>F2: edit the cell · Del: remove · F/W/S/Z/N: material, sublet, towing, salvage, part not in catalog · A: apply the advice · Esc: back to the search</source>
            <translation>F2：编辑单元格 · Del：删除 · F/W/S/Z/N：辅料、外修、施救、残值、手工配件 · A：采纳修换建议 · Esc：回到查找</translation>
        </message>
        <message>
            <source>panels</source>
            <translation>幅数</translation>
        </message>
        <message>
            <source>Change amount</source>
            <translation>修改金额</translation>
        </message>
        <message>
            <source>First save or settle the lines; then set the salvage.</source>
            <translation>请先保存或处理未保存的项目，再设定残值。</translation>
        </message>
        <message>
            <source>On-site documents…</source>
            <translation>现场单证…</translation>
        </message>
        <message>
            <source>Field events…</source>
            <translation>现场事件…</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>The database server cannot be reached. Try again when it is back.</source>
            <translation>无法连接数据库服务器。连接恢复后请重试。</translation>
        </message>
        <message>
            <source>Create the administrator</source>
            <translation>创建管理员</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>Username</source>
            <translation>用户名</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>Repeat password</source>
            <translation>再次输入密码</translation>
        </message>
        <message>
            <source>The passwords differ</source>
            <translation>两次输入的密码不一致</translation>
        </message>
    </context>
    <context>
        <name>NewCaseDialog</name>
        <message>
            <source>New case</source>
            <translation>新建案件</translation>
        </message>
        <message>
            <source>Open case</source>
            <translation>创建案件</translation>
        </message>
        <message>
            <source>Required: the insurer's report number</source>
            <translation>必填：保险公司报案号</translation>
        </message>
        <message>
            <source>Plate or VIN: at least one</source>
            <translation>车牌或 VIN 至少填一项</translation>
        </message>
        <message>
            <source>17 characters: finds the model</source>
            <translation>17 位，自动识别车型</translation>
        </message>
        <message>
            <source>Required: type a code, name or pinyin initials</source>
            <translation>必填：输入车型编码、名称或拼音首字母</translation>
        </message>
        <message>
            <source>Required: the claim number of the insurer's report.</source>
            <translation>必填：保险公司的报案号。</translation>
        </message>
        <message>
            <source>Required: choose the vehicle model; its labor times and paint prices depend on it.</source>
            <translation>必填：请选择车型，工时和喷漆价格取决于车型。</translation>
        </message>
        <message>
            <source>“%1” is not a model of the catalog: choose one from the list.</source>
            <translation>“%1”不是目录中的车型，请从列表中选择。</translation>
        </message>
        <message>
            <source>Ordinary procedure</source>
            <translation>普通程序</translation>
        </message>
        <message>
            <source>Simple procedure</source>
            <translation>简易程序</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>案件程序</translation>
        </message>
    </context>
    <context>
        <name>CaseFieldsDialog</name>
        <message>
            <source>Location</source>
            <translation>出险地点类别</translation>
        </message>
        <message>
            <source>Partner shop</source>
            <translation>合作修理厂</translation>
        </message>
        <message>
            <source>Claim no.</source>
            <translation>报案号</translation>
        </message>
        <message>
            <source>Insured</source>
            <translation>被保险人</translation>
        </message>
        <message>
            <source>Insured's phone</source>
            <translation>被保险人电话</translation>
        </message>
        <message>
            <source>Plate</source>
            <translation>车牌</translation>
        </message>
        <message>
            <source>VIN</source>
            <translation>VIN 车架号</translation>
        </message>
        <message>
            <source>Model code</source>
            <translation>车型编码</translation>
        </message>
        <message>
            <source>Region</source>
            <translation>地区</translation>
        </message>
        <message>
            <source>Shop</source>
            <translation>修理厂</translation>
        </message>
        <message>
            <source>Shop class</source>
            <translation>修理厂类别</translation>
        </message>
        <message>
            <source>Paint type</source>
            <translation>漆种</translation>
        </message>
        <message>
            <source>Use the VIN's model</source>
            <translation>改用 VIN 对应车型</translation>
        </message>
        <message>
            <source>Vehicle model</source>
            <translation>车型</translation>
        </message>
        <message>
            <source>Enter the plate or the VIN: at least one names the vehicle.</source>
            <translation>请填写车牌或 VIN：至少一项，用以确定车辆。</translation>
        </message>
        <message>
            <source>The check digit (9th character) should be %1, not %2: check the VIN.</source>
            <translation>校验位（第 9 位）应为 %1，实为 %2，请核对 VIN。</translation>
        </message>
        <message>
            <source>A VIN has 17 characters, letters and digits without I, O or Q.</source>
            <translation>VIN 为 17 位字母和数字，不含 I、O、Q。</translation>
        </message>
        <message>
            <source>The catalog knows no model for this VIN: choose it from the list.</source>
            <translation>目录中没有此 VIN 对应的车型，请从列表中选择。</translation>
        </message>
        <message>
            <source>Found by the VIN: %1</source>
            <translation>按 VIN 识别车型：%1</translation>
        </message>
        <message>
            <source>The VIN names another model: %1</source>
            <translation>VIN 对应的是另一车型：%1</translation>
        </message>
    </context>
    <context>
        <name>CaseDetailsDialog</name>
        <message>
            <source>Case details</source>
            <translation>案件信息</translation>
        </message>
        <message>
            <source>Only the case's assessors (%1) may change its details.</source>
            <translation>只有本案的定损员（%1）可以修改案件信息。</translation>
        </message>
        <message>
            <source>First re-apply or discard your refused changes.</source>
            <translation>请先重新应用或放弃未保存的修改。</translation>
        </message>
        <message>
            <source>The database server cannot be reached. Your changes are kept here: press Save again when the connection is back.</source>
            <translation>无法连接数据库服务器。您的修改仍保留在此：连接恢复后请再次点击“保存”。</translation>
        </message>
        <message>
            <source>Not saved: your changes are kept here. Press Save again when the problem is fixed.</source>
            <translation>未保存：您的修改仍保留在此。问题解决后请再次点击“保存”。</translation>
        </message>
        <message>
            <source>(unchanged)</source>
            <translation>（未改）</translation>
        </message>
        <message>
            <source>%1: theirs %2, yours %3</source>
            <translation>%1：对方 %2，您 %3</translation>
        </message>
        <message>
            <source>The database server cannot be reached. Your changes are kept here.</source>
            <translation>无法连接数据库服务器。您的修改仍保留在此。</translation>
        </message>
        <message>
            <source>Your changes are re-applied on the newest details (marked): check them and press Save.</source>
            <translation>已在最新的案件信息上重新应用您的修改（已标出）：请核对后点击“保存”。</translation>
        </message>
        <message>
            <source>No longer changeable, not re-applied: %1</source>
            <translation>已不能修改，未重新应用：%1</translation>
        </message>
    </context>
    <context>
        <name>Models</name>
        <message>
            <source>Enter the units that failed: 0 when all passed.</source>
            <translation>请填写不合格数：全部合格时填 0。</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>品类</translation>
        </message>
        <message>
            <source>Units</source>
            <translation>件数</translation>
        </message>
        <message>
            <source>Wet units</source>
            <translation>浸水件数</translation>
        </message>
        <message>
            <source>Sample size</source>
            <translation>抽样数</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <source>Salvage</source>
            <translation>残值</translation>
        </message>
        <message>
            <source>Net</source>
            <translation>净损失</translation>
        </message>
        <message>
            <source>Location</source>
            <translation>库位</translation>
        </message>
        <message>
            <source>Units to test</source>
            <translation>抽检件数</translation>
        </message>
        <message>
            <source>Zone</source>
            <translation>区域</translation>
        </message>
        <message>
            <source>Depth (cm)</source>
            <translation>水深 (cm)</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>位置</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>值</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Insured</source>
            <translation>被保险人</translation>
        </message>
        <message>
            <source>Site</source>
            <translation>出险地点</translation>
        </message>
        <message>
            <source>Versions</source>
            <translation>版本数</translation>
        </message>
        <message>
            <source>%1 collapsed, %2 written off</source>
            <translation>倒塌 %1 件，全损 %2 件</translation>
        </message>
        <message>
            <source>row %1</source>
            <translation>第 %1 行</translation>
        </message>
        <message>
            <source>Note: </source>
            <translation>提示: </translation>
        </message>
        <message>
            <source>Reviewed: %1</source>
            <translation>核损调整：%1</translation>
        </message>
        <message>
            <source>4S</source>
            <translation>4S店价</translation>
        </message>
        <message>
            <source>Market</source>
            <translation>市场价</translation>
        </message>
        <message>
            <source>Brand</source>
            <translation>品牌件</translation>
        </message>
        <message>
            <source>Used</source>
            <translation>回用件</translation>
        </message>
        <message>
            <source>Claim no.</source>
            <translation>报案号</translation>
        </message>
        <message>
            <source>Plate</source>
            <translation>车牌</translation>
        </message>
        <message>
            <source>Vehicle</source>
            <translation>车型</translation>
        </message>
        <message>
            <source>Shop</source>
            <translation>修理厂</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Tier</source>
            <translation>时限档</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Next due</source>
            <translation>下一时限</translation>
        </message>
        <message>
            <source>overdue</source>
            <translation>已超时</translation>
        </message>
        <message>
            <source>On site</source>
            <translation>现场定损</translation>
        </message>
        <message>
            <source>Standard</source>
            <translation>一般定损</translation>
        </message>
        <message>
            <source>Teardown</source>
            <translation>拆解定损</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <source>Submitted</source>
            <translation>待核损</translation>
        </message>
        <message>
            <source>Returned</source>
            <translation>核损退回</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>核损通过</translation>
        </message>
        <message>
            <source>Signed</source>
            <translation>客户已签字</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>已结案</translation>
        </message>
        <message>
            <source>#</source>
            <translation>序号</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Part no. / component</source>
            <translation>配件编码 / 部件</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>数量/工时</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>单价</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>Part</source>
            <translation>换件</translation>
        </message>
        <message>
            <source>Labor</source>
            <translation>工时</translation>
        </message>
        <message>
            <source>Paint</source>
            <translation>喷漆</translation>
        </message>
        <message>
            <source>Material</source>
            <translation>辅料</translation>
        </message>
        <message>
            <source>Sublet</source>
            <translation>外修</translation>
        </message>
        <message>
            <source>Towing</source>
            <translation>施救</translation>
        </message>
        <message>
            <source>Part no.</source>
            <translation>配件编码</translation>
        </message>
        <message>
            <source>Component</source>
            <translation>部件</translation>
        </message>
        <message>
            <source>Fits</source>
            <translation>适配</translation>
        </message>
        <message>
            <source>Shop class</source>
            <translation>修理厂类别</translation>
        </message>
        <message>
            <source>Region</source>
            <translation>地区</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>联系人</translation>
        </message>
        <message>
            <source>Agreed price types</source>
            <translation>协议价格类型</translation>
        </message>
        <message>
            <source>Other categories</source>
            <translation>其他分类</translation>
        </message>
        <message>
            <source>Valid from</source>
            <translation>协议起始</translation>
        </message>
        <message>
            <source>Valid to</source>
            <translation>协议终止</translation>
        </message>
        <message>
            <source>Part no. or item</source>
            <translation>配件编码或项目</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>单价</translation>
        </message>
        <message>
            <source>Matched</source>
            <translation>一致</translation>
        </message>
        <message>
            <source>Over</source>
            <translation>超出</translation>
        </message>
        <message>
            <source>Under</source>
            <translation>低于</translation>
        </message>
        <message>
            <source>Not on the estimate</source>
            <translation>估损单外</translation>
        </message>
        <message>
            <source>Not invoiced</source>
            <translation>未开票</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Insurer</source>
            <translation>保险公司</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>项目</translation>
        </message>
        <message>
            <source>Estimate</source>
            <translation>核定</translation>
        </message>
        <message>
            <source>Invoice</source>
            <translation>发票</translation>
        </message>
        <message>
            <source>Difference</source>
            <translation>差额</translation>
        </message>
        <message>
            <source>Borne by</source>
            <translation>承担方</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>in review by %1</source>
            <translation>%1 核损中</translation>
        </message>
        <message>
            <source>Sample check</source>
            <translation>抽检</translation>
        </message>
        <message>
            <source>Customer's own</source>
            <translation>客户自费</translation>
        </message>
        <message>
            <source>Needs a supplement</source>
            <translation>待追加定损</translation>
        </message>
        <message>
            <source>Not on the estimate, confirmed with the customer as their own purchase</source>
            <translation>估损单外项目，已与客户确认为客户自费</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>商品编码</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Tested</source>
            <translation>检测数</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>不合格数</translation>
        </message>
        <message>
            <source>Basis</source>
            <translation>依据</translation>
        </message>
        <message>
            <source>Partly wet</source>
            <translation>部分浸水</translation>
        </message>
        <message>
            <source>Submerged</source>
            <translation>完全浸没</translation>
        </message>
        <message>
            <source>Collapsed</source>
            <translation>倒塌压损</translation>
        </message>
        <message>
            <source>Assumed</source>
            <translation>推定</translation>
        </message>
        <message>
            <source>Measured</source>
            <translation>实测</translation>
        </message>
        <message>
            <source>Units tested and failed of this lot; clear the tested units to remove the result.</source>
            <translation>本批次的检测数与不合格数；清空检测数即删除检测结果。</translation>
        </message>
        <message>
            <source>Enter a whole number of units, or leave it blank.</source>
            <translation>请输入整数件数，或留空。</translation>
        </message>
        <message>
            <source>Enter the units tested first.</source>
            <translation>请先输入检测数。</translation>
        </message>
        <message>
            <source>Site total</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>Recondition</source>
            <translation>修复/整理</translation>
        </message>
        <message>
            <source>Damaged-goods sale</source>
            <translation>处理品销售</translation>
        </message>
        <message>
            <source>Write-off</source>
            <translation>报废</translation>
        </message>
        <message>
            <source>Proposed</source>
            <translation>建议处置</translation>
        </message>
        <message>
            <source>Disposal</source>
            <translation>处置方式</translation>
        </message>
        <message>
            <source>Settled net</source>
            <translation>核定净损失</translation>
        </message>
        <message>
            <source>Reason: %1</source>
            <translation>理由：%1</translation>
        </message>
        <message>
            <source>Double-click (or press Return) to choose the lot's disposal.</source>
            <translation>双击（或按回车）选择该批次的处置方式。</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>理由</translation>
        </message>
        <message>
            <source>Lots and tests</source>
            <translation>批次与检测</translation>
        </message>
        <message>
            <source>Discount rate</source>
            <translation>折扣率</translation>
        </message>
        <message>
            <source>Buyer's quote</source>
            <translation>买方报价</translation>
        </message>
    </context>
    <context>
        <name>ReviewDesk</name>
        <message>
            <source>Why is line %1 (%2) adjusted?</source>
            <translation>第 %1 行（%2）调整原因：</translation>
        </message>
        <message>
            <source>Select the line to adjust first.</source>
            <translation>请先选择要调整的项目。</translation>
        </message>
        <message>
            <source>Fold the queue to a narrow list, or unfold it</source>
            <translation>把队列收成窄列表，或展开</translation>
        </message>
        <message>
            <source>&amp;Fold the queue</source>
            <translation>收起/展开队列(&amp;F)</translation>
        </message>
        <message>
            <source>Put the estimate back for another reviewer</source>
            <translation>放回队列，由其他核损员处理</translation>
        </message>
        <message>
            <source>&amp;Put back in the queue</source>
            <translation>放回队列(&amp;P)</translation>
        </message>
        <message>
            <source>Set the reviewed amount of the selected line</source>
            <translation>填写所选项目的核损金额</translation>
        </message>
        <message>
            <source>Ad&amp;just the selected line…</source>
            <translation>核损调整所选项目(&amp;J)…</translation>
        </message>
        <message>
            <source>Return the estimate to its assessor with reasons</source>
            <translation>写明原因，退回定损员</translation>
        </message>
        <message>
            <source>&amp;Return with reasons…</source>
            <translation>退回 (写明原因)(&amp;R)…</translation>
        </message>
        <message>
            <source>Approve the estimate (a reason is asked while findings remain)</source>
            <translation>核损通过（仍有审核提示时须写明理由）</translation>
        </message>
        <message>
            <source>&amp;Approve…</source>
            <translation>核损通过(&amp;A)…</translation>
        </message>
        <message>
            <source>&amp;Take next</source>
            <translation>取下一件(&amp;T)</translation>
        </message>
        <message>
            <source>All shops</source>
            <translation>全部修理厂</translation>
        </message>
        <message>
            <source>All assessors</source>
            <translation>全部定损员</translation>
        </message>
        <message>
            <source>Adjust the selected line…</source>
            <translation>核损调整所选项目…</translation>
        </message>
        <message>
            <source>Reviewed amount</source>
            <translation>核损金额</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Why is it adjusted?</source>
            <translation>调整原因？</translation>
        </message>
        <message>
            <source>All tiers</source>
            <translation>全部时限档</translation>
        </message>
        <message>
            <source>Return with reasons…</source>
            <translation>退回 (写明原因)…</translation>
        </message>
        <message>
            <source>Approve…</source>
            <translation>核损通过…</translation>
        </message>
        <message>
            <source>Return</source>
            <translation>退回</translation>
        </message>
        <message>
            <source>Reasons</source>
            <translation>退回原因</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>核损通过</translation>
        </message>
        <message>
            <source>Findings remain: why approve?</source>
            <translation>仍有审核提示：核准理由？</translation>
        </message>
        <message>
            <source>Take next</source>
            <translation>取下一件</translation>
        </message>
        <message>
            <source>Take the oldest estimate nobody is reviewing</source>
            <translation>领取最早的、无人核损的估损单</translation>
        </message>
        <message>
            <source>Put back in the queue</source>
            <translation>放回队列</translation>
        </message>
        <message>
            <source>Put back in the queue.</source>
            <translation>已放回队列。</translation>
        </message>
        <message>
            <source>You are reviewing this estimate.</source>
            <translation>您正在核损此单。</translation>
        </message>
        <message>
            <source>Nothing left to take in the queue.</source>
            <translation>队列中已无可领取的估损单。</translation>
        </message>
        <message>
            <source>Why is it returned? The assessor reads these reasons.</source>
            <translation>退回原因（定损员将看到）：</translation>
        </message>
    </context>
    <context>
        <name>CustomerSignatureDialog</name>
        <message>
            <source>Customer signature</source>
            <translation>客户签字</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>重写</translation>
        </message>
        <message>
            <source>I have checked the items and amounts of the estimate sheet.</source>
            <translation>本人已核对估损单所列项目及金额。</translation>
        </message>
        <message>
            <source>Claim no.: %1</source>
            <translation>报案号：%1</translation>
        </message>
        <message>
            <source>Customer: %1</source>
            <translation>客户：%1</translation>
        </message>
        <message>
            <source>Approved total: ¥%1 (%2)</source>
            <translation>核定金额：¥%1（%2）</translation>
        </message>
    </context>
    <context>
        <name>PhotosPanel</name>
        <message>
            <source>Attach to the selected line</source>
            <translation>附加到所选项目</translation>
        </message>
        <message>
            <source>Line %1</source>
            <translation>第 %1 行</translation>
        </message>
        <message>
            <source>Add photos…</source>
            <translation>添加照片…</translation>
        </message>
        <message>
            <source>or drop image files here</source>
            <translation>或把图片文件拖到这里</translation>
        </message>
        <message>
            <source>Add photos</source>
            <translation>添加照片</translation>
        </message>
        <message>
            <source>Images (*.jpg *.jpeg *.png *.gif *.bmp *.webp)</source>
            <translation>图片 (*.jpg *.jpeg *.png *.gif *.bmp *.webp)</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Not imported: the database server cannot be reached; nothing was written. Press Import again when it is back.</source>
            <translation>未导入：无法连接数据库服务器，未写入任何数据。服务器恢复后请再次点击导入。</translation>
        </message>
        <message>
            <source>Not imported: nothing was written. Press Import to try again.</source>
            <translation>未导入：未写入任何数据。请点击导入重试。</translation>
        </message>
        <message>
            <source>Import a workbook</source>
            <translation>导入工作簿</translation>
        </message>
        <message>
            <source>Parts catalog</source>
            <translation>配件目录</translation>
        </message>
        <message>
            <source>Labor standards</source>
            <translation>工时标准</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <source>only when the workbook has no region column</source>
            <translation>仅当工作簿没有地区列时填写</translation>
        </message>
        <message>
            <source>Import the valid rows, set the others aside</source>
            <translation>只导入有效行，其余另存</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <source>Cancel import</source>
            <translation>取消导入</translation>
        </message>
        <message>
            <source>Save rejected rows…</source>
            <translation>保存被拒绝的行…</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Workbook</source>
            <translation>工作簿</translation>
        </message>
        <message>
            <source>Region</source>
            <translation>地区</translation>
        </message>
        <message>
            <source>Choose a workbook</source>
            <translation>选择工作簿</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>Choose a workbook first.</source>
            <translation>请先选择工作簿。</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>正在导入…</translation>
        </message>
        <message>
            <source>%1 rows read</source>
            <translation>已读取 %1 行</translation>
        </message>
        <message>
            <source>Imported: %1 rows read, %2 rejected.</source>
            <translation>已导入：读取 %1 行，拒绝 %2 行。</translation>
        </message>
        <message>
            <source>This file was imported before; nothing changed.</source>
            <translation>该文件已导入过，未作改动。</translation>
        </message>
        <message>
            <source>Rejected: %2 rows have errors; nothing was written.</source>
            <translation>导入被拒绝：%2 行有错误，未写入任何数据。</translation>
        </message>
        <message>
            <source>The file was refused.</source>
            <translation>文件被拒绝。</translation>
        </message>
        <message>
            <source>Cancelled; nothing was written.</source>
            <translation>已取消，未写入任何数据。</translation>
        </message>
        <message>
            <source>Save rejected rows</source>
            <translation>保存被拒绝的行</translation>
        </message>
        <message>
            <source>Partner shops</source>
            <translation>合作修理厂</translation>
        </message>
        <message>
            <source>Not imported: nothing was written. Press Import again when the problem is fixed.</source>
            <translation>未导入：未写入任何内容。问题解决后请再次点击“导入”。</translation>
        </message>
        <message>
            <source>Not imported: %1. Nothing was written.</source>
            <translation>未导入：%1。未写入任何数据。</translation>
        </message>
        <message>
            <source>Depreciation table</source>
            <translation>折旧率表</translation>
        </message>
        <message>
            <source>Flooded-vehicle guide</source>
            <translation>水淹车指南</translation>
        </message>
    </context>
    <context>
        <name>PartnerRegistryDialog</name>
        <message>
            <source>Partner shops</source>
            <translation>合作修理厂</translation>
        </message>
        <message>
            <source>Import…</source>
            <translation>导入…</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <source>Empty template…</source>
            <translation>空白模板…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Estimates at a partner shop with a valid agreement, priced with the agreed price types, carry the no-price-difference guarantee.</source>
            <translation>在协议有效期内的合作修理厂、按协议价格类型定价的估损单，可出具无差价理赔服务承诺。</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>Export partner shops</source>
            <translation>导出合作修理厂</translation>
        </message>
        <message>
            <source>%1 shops written to %2</source>
            <translation>已将 %1 家修理厂写入 %2</translation>
        </message>
        <message>
            <source>Empty template</source>
            <translation>空白模板</translation>
        </message>
        <message>
            <source>Template written to %1</source>
            <translation>模板已写入 %1</translation>
        </message>
    </context>
    <context>
        <name>InvoiceDialog</name>
        <message>
            <source>Not saved: the database server cannot be reached. Your invoice lines are kept; press Save again when it is back.</source>
            <translation>未保存：无法连接数据库服务器。您录入的发票明细已保留；服务器恢复后请再次点击保存。</translation>
        </message>
        <message>
            <source>Not saved: your invoice lines are kept.</source>
            <translation>未保存：您录入的发票明细已保留。</translation>
        </message>
        <message>
            <source>Shop invoice — %1</source>
            <translation>修理厂结算发票 — %1</translation>
        </message>
        <message>
            <source>Guarantee certificate No. %1: an overrun is the shop's, never the customer's</source>
            <translation>无差价承诺书 No. %1：超出部分由修理厂承担，客户无需支付</translation>
        </message>
        <message>
            <source>No guarantee certificate: an overrun is the customer's</source>
            <translation>无无差价承诺书：超出部分由客户承担</translation>
        </message>
        <message>
            <source>Add line</source>
            <translation>添加行</translation>
        </message>
        <message>
            <source>Remove line</source>
            <translation>删除行</translation>
        </message>
        <message>
            <source>Import Excel invoice…</source>
            <translation>导入 Excel 发票…</translation>
        </message>
        <message>
            <source>Empty template…</source>
            <translation>空白模板…</translation>
        </message>
        <message>
            <source>Invoice</source>
            <translation>发票</translation>
        </message>
        <message>
            <source>Save reconciliation</source>
            <translation>保存核对结果</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Reconciliation against the approved estimate</source>
            <translation>与核定估损单逐项核对</translation>
        </message>
        <message>
            <source>Not reconciled yet.</source>
            <translation>尚未核对。</translation>
        </message>
        <message>
            <source>Last reconciled %1 by %2 (%3).</source>
            <translation>最近核对：%1，%2（%3）。</translation>
        </message>
        <message>
            <source>entered by hand</source>
            <translation>手工录入</translation>
        </message>
        <message>
            <source>Shop invoice</source>
            <translation>修理厂结算发票</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>Empty template</source>
            <translation>空白模板</translation>
        </message>
        <message>
            <source>%1 lines lack an item or an amount and are left out.</source>
            <translation>%1 行缺少项目或金额，未参与核对。</translation>
        </message>
        <message>
            <source>Estimate %1 · invoice %2 · difference %3 · the shop bears %4 · the customer bears %5 · the insurer %6 · awaiting a supplement %7</source>
            <translation>核定 %1 · 发票 %2 · 差额 %3 · 修理厂承担 %4 · 客户承担 %5 · 保险公司 %6 · 待追加定损 %7</translation>
        </message>
    </context>
    <context>
        <name>FloodScreen</name>
        <message>
            <source>Flood inventory assessment</source>
            <translation>存货水浸定损</translation>
        </message>
        <message>
            <source>Save the assessment as a case to attach photos.</source>
            <translation>请先将定损结果保存为案件，再添加照片。</translation>
        </message>
        <message>
            <source>Photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Flood</source>
            <translation>水浸</translation>
        </message>
        <message>
            <source>&amp;Save version</source>
            <translation>保存版本(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Open saved…</source>
            <translation>打开已保存(&amp;O)…</translation>
        </message>
        <message>
            <source>Attach &amp;photos…</source>
            <translation>添加照片(&amp;P)…</translation>
        </message>
        <message>
            <source>Export &amp;PDF report…</source>
            <translation>导出 PDF 报告(&amp;P)…</translation>
        </message>
        <message>
            <source>Export &amp;Excel report…</source>
            <translation>导出 Excel 报告(&amp;E)…</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>Nothing assessed to save yet.</source>
            <translation>尚无可保存的定损结果。</translation>
        </message>
        <message>
            <source>Saved as version %1 (net ¥%2).</source>
            <translation>已保存为第 %1 版 (净损失 ¥%2)。</translation>
        </message>
        <message>
            <source>Export the report</source>
            <translation>导出报告</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Report written to %1</source>
            <translation>报告已写入 %1</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>撤销(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>重做(&amp;R)</translation>
        </message>
        <message>
            <source>Policy</source>
            <translation>保单</translation>
        </message>
        <message>
            <source>Test result</source>
            <translation>检测结果</translation>
        </message>
        <message>
            <source>Disposal</source>
            <translation>处置</translation>
        </message>
    </context>
    <context>
        <name>FloodInputsPanel</name>
        <message>
            <source>optional; the inventory may hold them</source>
            <translation>可选；存货清单工作簿中也可包含</translation>
        </message>
        <message>
            <source>Zone depths</source>
            <translation>区域水深</translation>
        </message>
        <message>
            <source>Choose the zone depths workbook</source>
            <translation>选择区域水深工作簿</translation>
        </message>
        <message>
            <source>required to save</source>
            <translation>保存时必填</translation>
        </message>
        <message>
            <source>not saved</source>
            <translation>未保存</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>Claim no.</source>
            <translation>报案号</translation>
        </message>
        <message>
            <source>Insured</source>
            <translation>被保险人</translation>
        </message>
        <message>
            <source>Site</source>
            <translation>出险地点</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>版本</translation>
        </message>
        <message>
            <source>Load</source>
            <translation>读取</translation>
        </message>
        <message>
            <source>Workbooks</source>
            <translation>工作簿</translation>
        </message>
        <message>
            <source>Inventory</source>
            <translation>存货清单</translation>
        </message>
        <message>
            <source>Choose the inventory workbook</source>
            <translation>选择存货清单工作簿</translation>
        </message>
        <message>
            <source>Loss rules</source>
            <translation>损失规则</translation>
        </message>
        <message>
            <source>Choose the loss rules workbook</source>
            <translation>选择损失规则工作簿</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <source>Depth per zone (blank: the site depth)</source>
            <translation>按区域水深 (空白: 取现场水深)</translation>
        </message>
        <message>
            <source>Water depth</source>
            <translation>水深</translation>
        </message>
        <message>
            <source>Site depth</source>
            <translation>现场水深</translation>
        </message>
        <message>
            <source>Problems in the inputs</source>
            <translation>输入中的问题</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>Choose the inventory and the loss rules first.</source>
            <translation>请先选择存货清单和损失规则。</translation>
        </message>
        <message>
            <source>Reading…</source>
            <translation>正在读取…</translation>
        </message>
        <message>
            <source>Not loaded: %1 problems, listed below; nothing was assessed.</source>
            <translation>未读取: 有 %1 个问题 (见下表)，未进行定损。</translation>
        </message>
        <message>
            <source>%1 stacks in %2 categories read.</source>
            <translation>已读取 %1 个堆垛，%2 个品类。</translation>
        </message>
        <message>
            <source>Problems in the inputs: %1</source>
            <translation>输入中的问题: %1</translation>
        </message>
        <message>
            <source>version %1</source>
            <translation>第 %1 版</translation>
        </message>
        <message>
            <source>Saved version %1 of %2.</source>
            <translation>%2 的第 %1 版 (已保存)。</translation>
        </message>
    </context>
    <context>
        <name>FloodResultsPanel</name>
        <message>
            <source>Water mark seen: %1 cm</source>
            <translation>实测水位 %1 厘米</translation>
        </message>
        <message>
            <source>Seen collapsed</source>
            <translation>实见倒垛</translation>
        </message>
        <message>
            <source>Seen standing (no collapse)</source>
            <translation>实见未倒垛</translation>
        </message>
        <message>
            <source>Dry</source>
            <translation>未浸水</translation>
        </message>
        <message>
            <source>Partly wet</source>
            <translation>部分浸水</translation>
        </message>
        <message>
            <source>Submerged</source>
            <translation>完全浸没</translation>
        </message>
        <message>
            <source>Collapsed</source>
            <translation>倒塌压损</translation>
        </message>
        <message>
            <source>Load an inventory and its loss rules.</source>
            <translation>请读取存货清单及其损失规则。</translation>
        </message>
        <message>
            <source>Water</source>
            <translation>水位</translation>
        </message>
        <message>
            <source>Base (pallet)</source>
            <translation>垫高 (托盘)</translation>
        </message>
        <message>
            <source>Proposed base height</source>
            <translation>建议垫高</translation>
        </message>
        <message>
            <source>Sample sizes follow GB/T 2828.1, general inspection level II, single sampling, normal inspection; each category's sample is spread over its wet stacks.</source>
            <translation>抽样数量按 GB/T 2828.1 一般检验水平 II、一次抽样、正常检验确定；各品类的样本按浸水件数分配到各堆垛。</translation>
        </message>
        <message>
            <source>Sampling plan</source>
            <translation>抽样检测方案</translation>
        </message>
        <message>
            <source>Stacks</source>
            <translation>堆垛</translation>
        </message>
        <message>
            <source>Categories and sampling</source>
            <translation>品类与抽样</translation>
        </message>
        <message>
            <source>The inputs have errors (listed on the left); nothing is assessed.</source>
            <translation>输入有误 (见左侧列表)，未进行定损。</translation>
        </message>
        <message>
            <source>%1 units, %2 wet · loss ¥%3 · salvage ¥%4 · net ¥%5</source>
            <translation>共 %1 件，浸水 %2 件 · 损失 ¥%3 · 残值 ¥%4 · 净损失 ¥%5</translation>
        </message>
        <message>
            <source>Lots and tests</source>
            <translation>批次与检测</translation>
        </message>
    </context>
    <context>
        <name>PreventionPanel</name>
        <message>
            <source>Depth + 10 cm</source>
            <translation>水深 + 10 cm</translation>
        </message>
        <message>
            <source>Back to the default: the deepest water + 10 cm</source>
            <translation>恢复默认: 最深水位 + 10 cm</translation>
        </message>
        <message>
            <source>Prevention: raise every base to</source>
            <translation>防灾防损: 将所有垫高提高到</translation>
        </message>
        <message>
            <source>With every base at %1 cm the loss would be ¥%2: raising the stacks would have avoided ¥%3.</source>
            <translation>若所有垫高均为 %1 cm，损失为 ¥%2: 垫高堆垛本可避免损失 ¥%3。</translation>
        </message>
    </context>
    <context>
        <name>OpenFloodCaseDialog</name>
        <message>
            <source>Open</source>
            <translation>打开</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Open a saved flood assessment</source>
            <translation>打开已保存的水浸定损</translation>
        </message>
        <message>
            <source>Claim no., insured or site</source>
            <translation>报案号、被保险人或地点</translation>
        </message>
        <message>
            <source>Versions</source>
            <translation>版本</translation>
        </message>
        <message>
            <source>Version %1 · %2 · %3 · net ¥%4</source>
            <translation>第 %1 版 · %2 · %3 · 净损失 ¥%4</translation>
        </message>
    </context>
    <context>
        <name>Workstation</name>
        <message>
            <source>The workstation cannot open</source>
            <translation>工作站无法打开</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings: time limits, targets and settlement</source>
            <translation>设置：时限、目标与理赔</translation>
        </message>
        <message>
            <source>Double-click a value to change it; each change is audited (old and new value).</source>
            <translation>双击数值即可修改。每次修改都会连同原值和新值记入审计记录。</translation>
        </message>
        <message>
            <source>Setting</source>
            <translation>设置项</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>Default</source>
            <translation>默认值</translation>
        </message>
        <message>
            <source>Changed by</source>
            <translation>修改人</translation>
        </message>
        <message>
            <source>Changed at</source>
            <translation>修改时间</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>代码</translation>
        </message>
        <message>
            <source>&amp;Reset to default</source>
            <translation>恢复默认值(&amp;R)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Choose a setting first.</source>
            <translation>请先选择一个设置项。</translation>
        </message>
        <message>
            <source>Not changed: %1 cannot be “%2”: %3</source>
            <translation>未修改：%1 不能设为“%2”：%3</translation>
        </message>
    </context>
    <context>
        <name>BackupDialog</name>
        <message>
            <source>Not backed up: the database server cannot be reached. Press Back up again when it is back.</source>
            <translation>未备份：无法连接数据库服务器。服务器恢复后请再次点击备份。</translation>
        </message>
        <message>
            <source>Back up the database</source>
            <translation>备份数据库</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <source>Back up</source>
            <translation>备份</translation>
        </message>
        <message>
            <source>The backup is a new file; an existing file is never overwritten.</source>
            <translation>备份写入一个新文件；不会覆盖已有文件。</translation>
        </message>
        <message>
            <source>Back up to</source>
            <translation>备份到</translation>
        </message>
        <message>
            <source>SQLite databases (*.sqlite3)</source>
            <translation>SQLite 数据库 (*.sqlite3)</translation>
        </message>
        <message>
            <source>Choose a file first.</source>
            <translation>请先选择文件。</translation>
        </message>
        <message>
            <source>Backing up…</source>
            <translation>正在备份…</translation>
        </message>
        <message>
            <source>Backed up and checked: integrity %1, %2 audit entries, chain head %3.</source>
            <translation>已备份并校验：完整性 %1，审计记录 %2 条，链头 %3。</translation>
        </message>
        <message>
            <source>Backed up, but the check failed: integrity %1, %2 audit entries, chain head %3.</source>
            <translation>已备份，但校验未通过：完整性 %1，审计记录 %2 条，链头 %3。</translation>
        </message>
        <message>
            <source>Not backed up: press Back up again when the problem is fixed.</source>
            <translation>未备份：问题解决后请再次点击“备份”。</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>City</source>
            <translation>市区</translation>
        </message>
        <message>
            <source>Suburban</source>
            <translation>郊区</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>首次联系</translation>
        </message>
        <message>
            <source>Arrival</source>
            <translation>到达现场</translation>
        </message>
        <message>
            <source>Entrusted survey</source>
            <translation>委托查勘</translation>
        </message>
        <message>
            <source>On-site estimate</source>
            <translation>现场定损</translation>
        </message>
        <message>
            <source>24-hour estimate</source>
            <translation>24小时定损</translation>
        </message>
        <message>
            <source>Awaiting teardown</source>
            <translation>待拆解</translation>
        </message>
        <message>
            <source>Teardown items fixed</source>
            <translation>拆解项目确定</translation>
        </message>
        <message>
            <source>Teardown estimate complete</source>
            <translation>拆解定损完成</translation>
        </message>
        <message>
            <source>Resubmission after a return</source>
            <translation>退回后重新提交</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>核损时效</translation>
        </message>
        <message>
            <source>Met (late by %1 hours)</source>
            <translation>已完成（超时 %1 小时）</translation>
        </message>
        <message>
            <source>Overdue by %1 hours</source>
            <translation>已超时 %1 小时</translation>
        </message>
        <message>
            <source>Met</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>Running</source>
            <translation>进行中</translation>
        </message>
        <message>
            <source>4S dealer</source>
            <translation>4S店</translation>
        </message>
        <message>
            <source>Class 1 shop</source>
            <translation>一类修理厂</translation>
        </message>
        <message>
            <source>Class 2 shop</source>
            <translation>二类修理厂</translation>
        </message>
        <message>
            <source>Class 3 shop</source>
            <translation>三类修理厂</translation>
        </message>
        <message>
            <source>4S price</source>
            <translation>4S店价</translation>
        </message>
        <message>
            <source>OEM market price</source>
            <translation>市场价</translation>
        </message>
        <message>
            <source>Brand part</source>
            <translation>品牌件</translation>
        </message>
        <message>
            <source>Aftermarket part</source>
            <translation>副厂件</translation>
        </message>
        <message>
            <source>Remanufactured part</source>
            <translation>再制造件</translation>
        </message>
        <message>
            <source>Used part</source>
            <translation>回用件</translation>
        </message>
        <message>
            <source>Solid paint</source>
            <translation>素色漆</translation>
        </message>
        <message>
            <source>Metallic paint</source>
            <translation>金属漆</translation>
        </message>
        <message>
            <source>Pearl paint</source>
            <translation>珍珠漆</translation>
        </message>
    </context>
    <context>
        <name>ConflictBar</name>
        <message>
            <source>Reload and re-apply my edit</source>
            <translation>载入最新版本并重新应用我的修改</translation>
        </message>
        <message>
            <source>Discard my edit</source>
            <translation>放弃我的修改</translation>
        </message>
    </context>
    <context>
        <name>OfflineBanner</name>
        <message>
            <source>Not done: the database server cannot be reached. Try again when it is back.</source>
            <translation>未完成：无法连接数据库服务器。连接恢复后请重试。</translation>
        </message>
        <message>
            <source>The database server cannot be reached. Nothing you entered is lost; retrying…</source>
            <translation>无法连接数据库服务器。您输入的内容不会丢失；正在重试…</translation>
        </message>
    </context>
    <context>
        <name>OutageReporter</name>
        <message>
            <source>Database server unavailable</source>
            <translation>数据库服务器不可用</translation>
        </message>
    </context>
    <context>
        <name>PartCorrectionDialog</name>
        <message>
            <source>Correct part</source>
            <translation>配件纠错</translation>
        </message>
        <message>
            <source>Chinese name</source>
            <translation>中文名称</translation>
        </message>
        <message>
            <source>English name</source>
            <translation>英文名称</translation>
        </message>
        <message>
            <source>Component code</source>
            <translation>部件编码</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>配件分类</translation>
        </message>
        <message>
            <source>Recover the old part</source>
            <translation>旧件回收</translation>
        </message>
        <message>
            <source>Salvage rate (0–1)</source>
            <translation>残值率 (0–1)</translation>
        </message>
        <message>
            <source>Part number, name or pinyin initials</source>
            <translation>配件编码、名称或拼音首字母</translation>
        </message>
        <message>
            <source>Find the part to correct.</source>
            <translation>请先查找要纠正的配件。</translation>
        </message>
        <message>
            <source>blank: none</source>
            <translation>留空表示无</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>First re-apply or discard the values that were refused.</source>
            <translation>请先重新应用或放弃被拒绝保存的修改。</translation>
        </message>
        <message>
            <source>Part %1 · component %2 · version %3</source>
            <translation>配件 %1 · 部件 %2 · 版本 %3</translation>
        </message>
        <message>
            <source>Not saved: the database server cannot be reached. Your values are kept; press Save again when it is back.</source>
            <translation>未保存：无法连接数据库服务器。您填写的内容已保留；服务器恢复后请再次点击保存。</translation>
        </message>
        <message>
            <source>Not saved: your values are kept in the form.</source>
            <translation>未保存：您填写的内容仍保留在表单中。</translation>
        </message>
        <message>
            <source>Saved: part %1 is now at version %2.</source>
            <translation>已保存：配件 %1 现为版本 %2。</translation>
        </message>
        <message>
            <source>%1 changed this part after you opened it; nothing of yours was saved.</source>
            <translation>%1 在您打开后修改了此配件；您的修改均未保存。</translation>
        </message>
        <message>
            <source>Someone</source>
            <translation>他人</translation>
        </message>
        <message>
            <source>%1: theirs %2, yours %3</source>
            <translation>%1：对方 %2，您的 %3</translation>
        </message>
    </context>
    <context>
        <name>ReviewTabs</name>
        <message>
            <source>Nothing has happened to this case yet.</source>
            <translation>本案尚无记录。</translation>
        </message>
        <message>
            <source>Removed</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>变更</translation>
        </message>
        <message>
            <source>Added</source>
            <translation>新增</translation>
        </message>
        <message>
            <source>Nothing changed from the previous version.</source>
            <translation>与上一版相比没有变化。</translation>
        </message>
        <message>
            <source>This is the first version: there is no previous version to compare.</source>
            <translation>这是第一版，没有可比较的上一版。</translation>
        </message>
        <message>
            <source>No findings: the self-check found nothing.</source>
            <translation>无提示：自检未发现问题。</translation>
        </message>
        <message>
            <source>Photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>History</source>
            <translation>案件记录</translation>
        </message>
        <message>
            <source>Changes from the previous version</source>
            <translation>与上一版比较</translation>
        </message>
        <message>
            <source>Review findings</source>
            <translation>核损规则提示</translation>
        </message>
        <message>
            <source>What happened</source>
            <translation>经过</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Fields</source>
            <translation>改动</translation>
        </message>
        <message>
            <source>Before → after</source>
            <translation>原 → 现</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>变化</translation>
        </message>
        <message>
            <source>Finding</source>
            <translation>审核提示</translation>
        </message>
        <message>
            <source>Line</source>
            <translation>项目</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>提示</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>警告</translation>
        </message>
        <message>
            <source>Block</source>
            <translation>阻止</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>级别</translation>
        </message>
        <message>
            <source>Rule</source>
            <translation>规则</translation>
        </message>
        <message>
            <source>Assessor's reason</source>
            <translation>定损员说明</translation>
        </message>
        <message>
            <source>Payout estimate</source>
            <translation>赔款预估</translation>
        </message>
    </context>
    <context>
        <name>CaseBar</name>
        <message>
            <source>%1 due %2</source>
            <translation>%1 %2 到期</translation>
        </message>
        <message>
            <source>%1 overdue since %2</source>
            <translation>%1 已于 %2 超时</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>Does not qualify for the no-price-difference guarantee:</source>
            <translation>不符合无差价承诺条件：</translation>
        </message>
        <message>
            <source>line %1: </source>
            <translation>第 %1 行：</translation>
        </message>
        <message>
            <source>Qualifies for the no-price-difference guarantee</source>
            <translation>符合无差价承诺条件</translation>
        </message>
        <message>
            <source>No guarantee: not a partner shop</source>
            <translation>无差价承诺不适用：非合作修理厂</translation>
        </message>
        <message>
            <source>Certificate No. %1 no longer matches the approved content; a changed estimate needs a new certificate</source>
            <translation>承诺书编号 %1 与核定内容不再一致；估损单变更后须重新出具承诺书</translation>
        </message>
        <message>
            <source>Guarantee certificate No. %1, valid until %2</source>
            <translation>无差价承诺书编号 %1，有效期至 %2</translation>
        </message>
        <message>
            <source>class %1</source>
            <translation>级别 %1</translation>
        </message>
        <message>
            <source>due</source>
            <translation>时限</translation>
        </message>
        <message>
            <source>overdue since</source>
            <translation>已超时，时限</translation>
        </message>
        <message>
            <source>the check digit should be %1, found %2</source>
            <translation>校验位应为 %1，实为 %2，请核对</translation>
        </message>
        <message>
            <source>a VIN has 17 characters without I, O or Q</source>
            <translation>车架号应为 17 位，不含 I、O、Q</translation>
        </message>
        <message>
            <source>VIN</source>
            <translation>车架号</translation>
        </message>
        <message>
            <source>no reasons given</source>
            <translation>未写明理由</translation>
        </message>
        <message>
            <source>Returned by %1: %2</source>
            <translation>%1 退回：%2</translation>
        </message>
        <message>
            <source>Waiting for the database server…</source>
            <translation>正在等待数据库服务器…</translation>
        </message>
        <message>
            <source>Correct the plate, VIN, insured, claim number, shop, region, paint or model</source>
            <translation>更正车牌、车架号、被保险人、报案号、修理厂、地区、漆种或车型</translation>
        </message>
        <message>
            <source>Case details…</source>
            <translation>案件信息…</translation>
        </message>
        <message>
            <source>No estimate open</source>
            <translation>未打开估损单</translation>
        </message>
    </context>
    <context>
        <name>DeskReasonDialog</name>
        <message>
            <source>Ctrl+Enter confirms</source>
            <translation>Ctrl+Enter 确认</translation>
        </message>
        <message>
            <source>Reviewed amount</source>
            <translation>核损金额</translation>
        </message>
    </context>
    <context>
        <name>SheetPreview</name>
        <message>
            <source>Estimate sheet</source>
            <translation>估损单</translation>
        </message>
        <message>
            <source>Previous page</source>
            <translation>上一页</translation>
        </message>
        <message>
            <source>Next page</source>
            <translation>下一页</translation>
        </message>
        <message>
            <source>Zoom out</source>
            <translation>缩小</translation>
        </message>
        <message>
            <source>Zoom in</source>
            <translation>放大</translation>
        </message>
        <message>
            <source>Fit width</source>
            <translation>适合宽度</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>打印…</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Preparing the estimate sheet…</source>
            <translation>正在生成估损单…</translation>
        </message>
        <message>
            <source>The estimate sheet could not be made: %1</source>
            <translation>无法生成估损单：%1</translation>
        </message>
        <message>
            <source>The estimate sheet could not be shown.</source>
            <translation>无法显示估损单。</translation>
        </message>
        <message>
            <source>Page %1 of %2</source>
            <translation>第 %1 页 共 %2 页</translation>
        </message>
        <message>
            <source>The printer could not be started.</source>
            <translation>无法启动打印机。</translation>
        </message>
        <message>
            <source>Save the estimate sheet</source>
            <translation>保存估损单</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF 文件 (*.pdf)</translation>
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation>未保存：%1</translation>
        </message>
        <message>
            <source>Saved to %1</source>
            <translation>已保存到 %1</translation>
        </message>
    </context>
    <context>
        <name>ChaseDialog</name>
        <message>
            <source>Chase recorded: %1 for this case, penalty %2 yuan in all.</source>
            <translation>已记录催问：本案共 %1 次，扣款合计 %2 元。</translation>
        </message>
        <message>
            <source>Record a chase</source>
            <translation>记录催问</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Repair shop</source>
            <translation>修理厂</translation>
        </message>
        <message>
            <source>Sales staff</source>
            <translation>业务员</translation>
        </message>
        <message>
            <source>General manager's office</source>
            <translation>总经理室</translation>
        </message>
        <message>
            <source>Claims manager</source>
            <translation>理赔经理</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>可不填</translation>
        </message>
        <message>
            <source>Chased by</source>
            <translation>催问方</translation>
        </message>
        <message>
            <source>Through</source>
            <translation>催问途径</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message>
            <source>Write the reason first: it is required.</source>
            <translation>请先写明原因（必填）。</translation>
        </message>
        <message>
            <source>Ctrl+Enter confirms, Esc cancels.</source>
            <translation>Ctrl+Enter 确认，Esc 取消。</translation>
        </message>
    </context>
    <context>
        <name>TotalsRail</name>
        <message>
            <source>Parts</source>
            <translation>换件</translation>
        </message>
        <message>
            <source>Labor</source>
            <translation>工时</translation>
        </message>
        <message>
            <source>Paint</source>
            <translation>喷漆</translation>
        </message>
        <message>
            <source>Material</source>
            <translation>辅料</translation>
        </message>
        <message>
            <source>Sublet</source>
            <translation>外修</translation>
        </message>
        <message>
            <source>Towing</source>
            <translation>施救</translation>
        </message>
        <message>
            <source>Management fee</source>
            <translation>管理费</translation>
        </message>
        <message>
            <source>− Salvage</source>
            <translation>−残值</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>Apply the advice (A)</source>
            <translation>采纳建议 (A)</translation>
        </message>
        <message>
            <source>Turn the selected replace into repair, or the repair into replace (one undo step)</source>
            <translation>把所选换件改为修复，或把修复改为换件（可一步撤销）</translation>
        </message>
        <message>
            <source>Repair or replace</source>
            <translation>修换建议</translation>
        </message>
        <message>
            <source>Tier: %1</source>
            <translation>时限档：%1</translation>
        </message>
        <message>
            <source>On site</source>
            <translation>现场</translation>
        </message>
        <message>
            <source>Standard</source>
            <translation>常规</translation>
        </message>
        <message>
            <source>Teardown</source>
            <translation>拆解</translation>
        </message>
        <message>
            <source>Notes of the selected line</source>
            <translation>所选项目的说明</translation>
        </message>
    </context>
    <context>
        <name>LineActions</name>
        <message>
            <source>First find and select a part; then press its operation key.</source>
            <translation>请先查找并选中配件，再按作业键。</translation>
        </message>
        <message>
            <source>No labor standard is loaded: labor and paint cannot be priced.</source>
            <translation>尚未导入工时标准，无法计算工时和喷漆。</translation>
        </message>
        <message>
            <source>Add %1</source>
            <translation>添加 %1</translation>
        </message>
        <message>
            <source>%1 has no component in the catalog: labor keys do not apply.</source>
            <translation>%1 在配件目录中没有对应部件，工时键不适用。</translation>
        </message>
        <message>
            <source>The labor standard has no %1 hours for %2.</source>
            <translation>工时标准中没有%2的%1工时。</translation>
        </message>
        <message>
            <source>The labor standard has no paint panels for %1.</source>
            <translation>工时标准中没有%1的喷漆幅数。</translation>
        </message>
        <message>
            <source>Paint %1</source>
            <translation>喷漆 %1</translation>
        </message>
        <message>
            <source>Add material</source>
            <translation>添加辅料</translation>
        </message>
        <message>
            <source>Add towing</source>
            <translation>添加施救费</translation>
        </message>
        <message>
            <source>Add sublet</source>
            <translation>添加外修</translation>
        </message>
        <message>
            <source>Add a part not in the catalog</source>
            <translation>添加手工配件</translation>
        </message>
        <message>
            <source>Set the salvage</source>
            <translation>设定残值</translation>
        </message>
        <message>
            <source>replace</source>
            <translation>更换</translation>
        </message>
        <message>
            <source>repair</source>
            <translation>修复</translation>
        </message>
        <message>
            <source>Repair %1, replace %2 (%3 %) → suggest %4</source>
            <translation>修复 %1，更换 %2（%3 %）→ 建议%4</translation>
        </message>
        <message>
            <source>; replacing needs a reason</source>
            <translation>；更换需填写原因</translation>
        </message>
        <message>
            <source>There is no advice to apply on this line.</source>
            <translation>此行没有可采纳的修换建议。</translation>
        </message>
        <message>
            <source>Repair instead of replace</source>
            <translation>改换件为修复</translation>
        </message>
        <message>
            <source>Replace instead of repair</source>
            <translation>改修复为换件</translation>
        </message>
        <message>
            <source>This loss object takes material, sublet and towing lines only.</source>
            <translation>此损失标的只能录入辅料、外修和施救项目。</translation>
        </message>
    </context>
    <context>
        <name>EntryDialog</name>
        <message>
            <source>OK (Enter)</source>
            <translation>确定 (Enter)</translation>
        </message>
        <message>
            <source>Cancel (Esc)</source>
            <translation>取消 (Esc)</translation>
        </message>
        <message>
            <source>Fill in: %1</source>
            <translation>请填写：%1</translation>
        </message>
    </context>
    <context>
        <name>Finder</name>
        <message>
            <source>No parts catalog has been imported yet. A maintainer or an administrator imports one with Data › Set up the data…, where the sample data can also be loaded to try things.</source>
            <translation>尚未导入配件目录，目录中没有配件。由数据维护或管理员在 数据 › 准备数据… 中导入配件目录，也可在那里载入示例数据试用。</translation>
        </message>
        <message>
            <source>Find a part: Chinese, pinyin initials (qbxg) or part number</source>
            <translation>查找配件：汉字、拼音首字母（qbxg）或配件编码</translation>
        </message>
        <message>
            <source>Ctrl+F: here · ↓: into the results, where letters pick the operation · Enter: add the selected part as replace · Ctrl+↓: to the lines</source>
            <translation>Ctrl+F：回到此处 · ↓：进入结果，在结果中按字母键选择作业 · Enter：将所选配件按换件添加 · Ctrl+↓：到项目列表</translation>
        </message>
        <message>
            <source>Replace</source>
            <translation>换件</translation>
        </message>
        <message>
            <source>Part only</source>
            <translation>仅配件</translation>
        </message>
        <message>
            <source>Remove &amp; install</source>
            <translation>拆装</translation>
        </message>
        <message>
            <source>Repair light</source>
            <translation>钣金轻</translation>
        </message>
        <message>
            <source>Repair medium</source>
            <translation>钣金中</translation>
        </message>
        <message>
            <source>Repair heavy</source>
            <translation>钣金重</translation>
        </message>
        <message>
            <source>Mechanical</source>
            <translation>机修</translation>
        </message>
        <message>
            <source>Electrical</source>
            <translation>电工</translation>
        </message>
        <message>
            <source>Paint only</source>
            <translation>喷漆</translation>
        </message>
        <message>
            <source>Material</source>
            <translation>辅料</translation>
        </message>
        <message>
            <source>Sublet</source>
            <translation>外修</translation>
        </message>
        <message>
            <source>Towing</source>
            <translation>施救</translation>
        </message>
        <message>
            <source>Salvage</source>
            <translation>残值</translation>
        </message>
        <message>
            <source>Part not in catalog</source>
            <translation>手工配件</translation>
        </message>
    </context>
    <context>
        <name>EntryForms</name>
        <message>
            <source>Material</source>
            <translation>辅料</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>单价</translation>
        </message>
        <message>
            <source>Towing</source>
            <translation>施救费</translation>
        </message>
        <message>
            <source>Sublet</source>
            <translation>外修</translation>
        </message>
        <message>
            <source>Tow</source>
            <translation>拖车</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Part not in catalog</source>
            <translation>手工配件（目录外）</translation>
        </message>
        <message>
            <source>Why not from the catalog</source>
            <translation>不按目录的原因</translation>
        </message>
        <message>
            <source>Salvage</source>
            <translation>残值</translation>
        </message>
        <message>
            <source>Salvage (deducted)</source>
            <translation>残值（扣除）</translation>
        </message>
        <message>
            <source>Suggested from the replaced parts: %1</source>
            <translation>按更换配件建议：%1</translation>
        </message>
        <message>
            <source>Override reason</source>
            <translation>调整原因</translation>
        </message>
        <message>
            <source>Why is the %1 changed?</source>
            <translation>为什么调整%1？</translation>
        </message>
    </context>
    <context>
        <name>SaveState</name>
        <message>
            <source>The database server cannot be reached. Your edit is kept and will be saved when the connection is back; retrying…</source>
            <translation>无法连接数据库服务器。您的修改已保留，连接恢复后将自动保存；正在重试…</translation>
        </message>
        <message>
            <source>Save again</source>
            <translation>重新保存</translation>
        </message>
        <message>
            <source>First re-apply or discard the edit that was refused.</source>
            <translation>请先重新应用或放弃被拒绝保存的修改。</translation>
        </message>
        <message>
            <source>Not saved: your change is kept on screen. Press Save again when the problem is fixed.</source>
            <translation>未保存：您的修改仍保留在屏幕上，问题解决后请点击“重新保存”。</translation>
        </message>
        <message>
            <source>First save or settle the lines; then set the salvage.</source>
            <translation>请先保存或处理未保存的项目，再设定残值。</translation>
        </message>
    </context>
    <context>
        <name>SheetActions</name>
        <message>
            <source>Approval notice</source>
            <translation>核定通知</translation>
        </message>
        <message>
            <source>Copied to the clipboard; sending recorded.</source>
            <translation>已复制到剪贴板，并已记录发送时间。</translation>
        </message>
    </context>
    <context>
        <name>OperationRunner</name>
        <message>
            <source>Not done: an unexpected error occurred. It was written to the log; nothing else was changed.</source>
            <translation>未完成：发生了意外错误，已记入日志；其他内容均未改动。</translation>
        </message>
    </context>
    <context>
        <name>IndicatorsDashboard</name>
        <message>
            <source>%1 cases from %2 to %3</source>
            <translation>%2 至 %3 共 %1 件案件</translation>
        </message>
        <message>
            <source>Chases: %1 · %2</source>
            <translation>催问 %1 次 · %2 元</translation>
        </message>
        <message>
            <source>Arrival on site</source>
            <translation>到达现场</translation>
        </message>
        <message>
            <source>Assessor</source>
            <translation>定损员</translation>
        </message>
        <message>
            <source>Assessors and cases</source>
            <translation>定损员与案件</translation>
        </message>
        <message>
            <source>Average</source>
            <translation>平均</translation>
        </message>
        <message>
            <source>Awaiting teardown</source>
            <translation>待拆解</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>案件数</translation>
        </message>
        <message>
            <source>Cases of %1 (double-click to open)</source>
            <translation>%1 的案件（双击打开）</translation>
        </message>
        <message>
            <source>Charts</source>
            <translation>图表</translation>
        </message>
        <message>
            <source>Chases</source>
            <translation>催问</translation>
        </message>
        <message>
            <source>Chases and penalty per assessor (yuan)</source>
            <translation>各定损员催问与扣罚（元）</translation>
        </message>
        <message>
            <source>Choose an assessor to list their cases.</source>
            <translation>选择一位定损员以列出其案件。</translation>
        </message>
        <message>
            <source>Claim no.</source>
            <translation>赔案号</translation>
        </message>
        <message>
            <source>Click an assessor to list their cases</source>
            <translation>点击定损员以列出其案件</translation>
        </message>
        <message>
            <source>Custom period</source>
            <translation>自定义期间</translation>
        </message>
        <message>
            <source>Customer contact</source>
            <translation>联系客户</translation>
        </message>
        <message>
            <source>Deviation</source>
            <translation>估损偏差率</translation>
        </message>
        <message>
            <source>Entrusted survey</source>
            <translation>委托查勘</translation>
        </message>
        <message>
            <source>Estimate deviation per assessor</source>
            <translation>各定损员估损偏差率</translation>
        </message>
        <message>
            <source>From</source>
            <translation>自</translation>
        </message>
        <message>
            <source>Front-end cycle (days)</source>
            <translation>前端周期（天）</translation>
        </message>
        <message>
            <source>Front-end cycle per assessor (days)</source>
            <translation>各定损员前端查勘定损周期（天）</translation>
        </message>
        <message>
            <source>Front-end cycle per month (days)</source>
            <translation>前端周期月度趋势（天）</translation>
        </message>
        <message>
            <source>Group</source>
            <translation>组别</translation>
        </message>
        <message>
            <source>Large-case group</source>
            <translation>大案组</translation>
        </message>
        <message>
            <source>Last 3 months</source>
            <translation>近三个月</translation>
        </message>
        <message>
            <source>Late or overdue clocks</source>
            <translation>超时或逾期的时效</translation>
        </message>
        <message>
            <source>No figures in this period</source>
            <translation>本期间没有数据</translation>
        </message>
        <message>
            <source>On-site documents</source>
            <translation>现场单证收集率</translation>
        </message>
        <message>
            <source>On-site estimate</source>
            <translation>现场定损</translation>
        </message>
        <message>
            <source>Ordinary group</source>
            <translation>普案组</translation>
        </message>
        <message>
            <source>Penalty</source>
            <translation>扣罚</translation>
        </message>
        <message>
            <source>Penalty (yuan)</source>
            <translation>扣罚（元）</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>期间</translation>
        </message>
        <message>
            <source>Reading the indicators…</source>
            <translation>正在读取指标…</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Resubmission</source>
            <translation>退回重提</translation>
        </message>
        <message>
            <source>Returns</source>
            <translation>退回</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>核损</translation>
        </message>
        <message>
            <source>Service indicators dashboard</source>
            <translation>服务指标看板</translation>
        </message>
        <message>
            <source>Standard estimate</source>
            <translation>标准定损</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>目标</translation>
        </message>
        <message>
            <source>Target: %1</source>
            <translation>目标：%1</translation>
        </message>
        <message>
            <source>Teardown estimate</source>
            <translation>拆解定损</translation>
        </message>
        <message>
            <source>Teardown items fixed</source>
            <translation>拆解项目确定</translation>
        </message>
        <message>
            <source>This month</source>
            <translation>本月</translation>
        </message>
        <message>
            <source>Tier</source>
            <translation>定损时限档</translation>
        </message>
        <message>
            <source>Time-limit attainment per clock</source>
            <translation>各时效达成率</translation>
        </message>
        <message>
            <source>To</source>
            <translation>至</translation>
        </message>
        <message>
            <source>Figures per group</source>
            <translation>分组指标</translation>
        </message>
        <message>
            <source>Median</source>
            <translation>中位数</translation>
        </message>
        <message>
            <source>All cases</source>
            <translation>全部案件</translation>
        </message>
    </context>
    <context>
        <name>PendingWindow</name>
        <message>
            <source>%1 pending (%2).</source>
            <translation>未决 %1 件（%2）。</translation>
        </message>
        <message>
            <source>, </source>
            <translation>，</translation>
        </message>
        <message>
            <source>Up to 5 days</source>
            <translation>5天以内</translation>
        </message>
        <message>
            <source>6–20 days</source>
            <translation>6–20天</translation>
        </message>
        <message>
            <source>21–40 days</source>
            <translation>21–40天</translation>
        </message>
        <message>
            <source>Over 40 days</source>
            <translation>40天以上</translation>
        </message>
        <message>
            <source> A review is due.</source>
            <translation>应进行检视。</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>账龄</translation>
        </message>
        <message>
            <source>Assessor:</source>
            <translation>定损员：</translation>
        </message>
        <message>
            <source>Claim no.</source>
            <translation>报案号</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Current clock</source>
            <translation>当前时效</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>未决天数</translation>
        </message>
        <message>
            <source>Double-click a reason to write why the case is still pending.</source>
            <translation>双击“未决原因”一栏，填写案件尚未核损通过的原因。</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>时限</translation>
        </message>
        <message>
            <source> Last reviewed %1 by %2.</source>
            <translation>上次检视：%1（%2）。</translation>
        </message>
        <message>
            <source>Mark &amp;reviewed</source>
            <translation>标记已检视(&amp;R)</translation>
        </message>
        <message>
            <source> Never reviewed.</source>
            <translation>尚未检视。</translation>
        </message>
        <message>
            <source>No assessor to show.</source>
            <translation>没有可显示的定损员。</translation>
        </message>
        <message>
            <source>On site</source>
            <translation>现场定损</translation>
        </message>
        <message>
            <source>Standard</source>
            <translation>一般定损</translation>
        </message>
        <message>
            <source>Teardown</source>
            <translation>拆解定损</translation>
        </message>
        <message>
            <source>Pending list</source>
            <translation>未决清单</translation>
        </message>
        <message>
            <source>Plate</source>
            <translation>车牌</translation>
        </message>
        <message>
            <source>Reason pending</source>
            <translation>未决原因</translation>
        </message>
        <message>
            <source>Tier</source>
            <translation>定损时限档</translation>
        </message>
    </context>
    <context>
        <name>AuthorityAction</name>
        <message>
            <source>Approve within authority</source>
            <translation>权限内核定</translation>
        </message>
        <message>
            <source>Only a submitted version is approved within authority</source>
            <translation>只有已提交核损的估损单可在权限内核定</translation>
        </message>
        <message>
            <source>Approve your own on-site estimate within your authority of %1 yuan</source>
            <translation>在您的定损权限 %1 元内核定本人的现场定损估损单</translation>
        </message>
        <message>
            <source>Approved within your authority: the customer may sign now.</source>
            <translation>已在定损权限内核定，客户现在可以签字。</translation>
        </message>
        <message>
            <source> Drawn for a sample check by a reviewer.</source>
            <translation>本单已抽中抽检，将由核损员复查。</translation>
        </message>
    </context>
    <context>
        <name>SampleChecks</name>
        <message>
            <source>Sample check passed</source>
            <translation>抽检通过</translation>
        </message>
        <message>
            <source>Sample check failed…</source>
            <translation>抽检不通过…</translation>
        </message>
        <message>
            <source>The approval within authority is right: record the check</source>
            <translation>权限内核定无误：记录抽检结果</translation>
        </message>
        <message>
            <source>Record a failed check with a note: the approved amount stays</source>
            <translation>记录抽检不通过及说明：核定金额不变</translation>
        </message>
        <message>
            <source>Sample check: approved by its assessor within authority.</source>
            <translation>抽检：本单由定损员在定损权限内核定。</translation>
        </message>
        <message>
            <source>Sample check recorded: passed.</source>
            <translation>抽检已记录：通过。</translation>
        </message>
        <message>
            <source>Sample check recorded: failed; the approved amount stands.</source>
            <translation>抽检已记录：不通过；核定金额不变。</translation>
        </message>
        <message>
            <source>Sample check failed</source>
            <translation>抽检不通过</translation>
        </message>
        <message>
            <source>What is wrong?</source>
            <translation>问题是什么？</translation>
        </message>
    </context>
    <context>
        <name>DocumentsDialog</name>
        <message>
            <source>On-site documents</source>
            <translation>现场单证</translation>
        </message>
        <message>
            <source>Driving licence</source>
            <translation>驾驶证</translation>
        </message>
        <message>
            <source>Vehicle licence</source>
            <translation>行驶证</translation>
        </message>
        <message>
            <source>Accident determination or agreement</source>
            <translation>事故认定书/快处协议</translation>
        </message>
        <message>
            <source>Bank card</source>
            <translation>银行卡</translation>
        </message>
        <message>
            <source>ID card</source>
            <translation>身份证</translation>
        </message>
        <message>
            <source>Claim application</source>
            <translation>索赔申请书</translation>
        </message>
        <message>
            <source>Simple procedure</source>
            <translation>简易程序</translation>
        </message>
        <message>
            <source>Ordinary procedure</source>
            <translation>普通程序</translation>
        </message>
        <message>
            <source>Keys 1–9: tick or untick an item as collected on site.</source>
            <translation>按 1–9 键：勾选或取消“现场收集”</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>案件程序</translation>
        </message>
        <message>
            <source>Collected on site</source>
            <translation>现场收集</translation>
        </message>
        <message>
            <source>Collected later</source>
            <translation>事后补交</translation>
        </message>
        <message>
            <source>Not needed</source>
            <translation>无需提供</translation>
        </message>
        <message>
            <source>Missing</source>
            <translation>缺</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <source>Complete at the survey: %1</source>
            <translation>查勘时单证齐全：%1</translation>
        </message>
        <message>
            <source>All collected at %1</source>
            <translation>单证收集齐全于 %1</translation>
        </message>
    </context>
    <context>
        <name>QueuesDialog</name>
        <message>
            <source>Large-case queue and escalations</source>
            <translation>大案队列与升级督办</translation>
        </message>
        <message>
            <source>Claim no.</source>
            <translation>报案号</translation>
        </message>
        <message>
            <source>Plate</source>
            <translation>车牌</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Tier</source>
            <translation>时限档</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Assessor</source>
            <translation>定损员</translation>
        </message>
        <message>
            <source>&amp;Take</source>
            <translation>接手(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Assign…</source>
            <translation>指派(&amp;A)…</translation>
        </message>
        <message>
            <source>Large-case queue</source>
            <translation>大案队列</translation>
        </message>
        <message>
            <source>Returned at</source>
            <translation>退回时间</translation>
        </message>
        <message>
            <source>Resubmission due</source>
            <translation>应重新提交时间</translation>
        </message>
        <message>
            <source>Hours overdue</source>
            <translation>已超时（小时）</translation>
        </message>
        <message>
            <source>Escalations</source>
            <translation>升级督办</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>刷新(&amp;R)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Escalations (%1)</source>
            <translation>升级督办（%1）</translation>
        </message>
        <message>
            <source>Choose a case in the queue first.</source>
            <translation>请先在队列中选择一个案件。</translation>
        </message>
        <message>
            <source>Case %1 is now yours.</source>
            <translation>已接手案件 %1。</translation>
        </message>
        <message>
            <source>No assessor is in the large-case group yet.</source>
            <translation>大案组还没有定损员。</translation>
        </message>
        <message>
            <source>Assign case %1 to:</source>
            <translation>将案件 %1 指派给：</translation>
        </message>
        <message>
            <source>Assign</source>
            <translation>指派</translation>
        </message>
        <message>
            <source>Case %1 assigned to %2.</source>
            <translation>案件 %1 已指派给 %2。</translation>
        </message>
    </context>
    <context>
        <name>GroupFigures</name>
        <message>
            <source>Cases</source>
            <translation>案件数</translation>
        </message>
        <message>
            <source>Front-end cycle, average (days)</source>
            <translation>前端周期均值（天）</translation>
        </message>
        <message>
            <source>Front-end cycle, median (days)</source>
            <translation>前端周期中位数（天）</translation>
        </message>
        <message>
            <source>Cycle within target</source>
            <translation>周期达标率</translation>
        </message>
        <message>
            <source>Resubmission on time</source>
            <translation>退回重报达成率</translation>
        </message>
        <message>
            <source>Escalations</source>
            <translation>升级</translation>
        </message>
        <message>
            <source>Chases</source>
            <translation>催问</translation>
        </message>
        <message>
            <source>Penalty (yuan)</source>
            <translation>催问扣款（元）</translation>
        </message>
        <message>
            <source>Estimate deviation</source>
            <translation>估损偏差率</translation>
        </message>
        <message>
            <source>Supplements per case</source>
            <translation>每案追加次数</translation>
        </message>
        <message>
            <source>Growth by supplements</source>
            <translation>追加增幅</translation>
        </message>
        <message>
            <source>Review time, average (hours)</source>
            <translation>核损平均时长（小时）</translation>
        </message>
        <message>
            <source>Returns per submission</source>
            <translation>每次提交退回</translation>
        </message>
        <message>
            <source>On-site documents collected</source>
            <translation>现场单证收集率</translation>
        </message>
        <message>
            <source>Cycle target (days)</source>
            <translation>周期目标（天）</translation>
        </message>
        <message>
            <source>Attainment: %1</source>
            <translation>%1达成率</translation>
        </message>
    </context>
    <context>
        <name>SubmitDialog</name>
        <message>
            <source>Submit with warnings</source>
            <translation>有提醒时提交</translation>
        </message>
        <message>
            <source>%1 warnings are open. Write why for each: the reviewer reads your reasons.</source>
            <translation>尚有 %1 条提醒。请逐条写明原因，核损员会看到您的说明。</translation>
        </message>
        <message>
            <source>Estimate</source>
            <translation>整单</translation>
        </message>
        <message>
            <source>Line %1</source>
            <translation>第 %1 行</translation>
        </message>
        <message>
            <source>Reason for %1</source>
            <translation>%1 的原因</translation>
        </message>
        <message>
            <source>Submit</source>
            <translation>提交</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
    <context>
        <name>UsersModel</name>
        <message>
            <source>Assessor</source>
            <translation>定损员</translation>
        </message>
        <message>
            <source>Reviewer</source>
            <translation>核损员</translation>
        </message>
        <message>
            <source>Data maintainer</source>
            <translation>数据维护</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>管理员</translation>
        </message>
        <message>
            <source>Claims manager</source>
            <translation>理赔经理</translation>
        </message>
        <message>
            <source>Large-case group</source>
            <translation>大案组</translation>
        </message>
        <message>
            <source>Ordinary group</source>
            <translation>普案组</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>用户名</translation>
        </message>
        <message>
            <source>Display name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Roles</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>Group</source>
            <translation>组别</translation>
        </message>
        <message>
            <source>Authority (yuan)</source>
            <translation>定损权限 (元)</translation>
        </message>
        <message>
            <source>Sign-in</source>
            <translation>登录状态</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>Held back until %1</source>
            <translation>锁定至 %1</translation>
        </message>
    </context>
    <context>
        <name>UserForm</name>
        <message>
            <source>e.g. 2,000</source>
            <translation>例如 2,000</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Display name:</source>
            <translation>姓名:</translation>
        </message>
        <message>
            <source>Roles:</source>
            <translation>角色:</translation>
        </message>
        <message>
            <source>Group (assessors):</source>
            <translation>组别 (定损员):</translation>
        </message>
        <message>
            <source>Authority (yuan):</source>
            <translation>定损权限 (元):</translation>
        </message>
        <message>
            <source>Tick at least one role.</source>
            <translation>请至少勾选一个角色。</translation>
        </message>
    </context>
    <context>
        <name>AddUserForm</name>
        <message>
            <source>Add user</source>
            <translation>添加用户</translation>
        </message>
        <message>
            <source>The password needs at least %1 characters.</source>
            <translation>密码至少 %1 位。</translation>
        </message>
        <message>
            <source>User name:</source>
            <translation>用户名:</translation>
        </message>
        <message>
            <source>Password:</source>
            <translation>密码:</translation>
        </message>
        <message>
            <source>Password again:</source>
            <translation>再次输入密码:</translation>
        </message>
        <message>
            <source>&amp;Add</source>
            <translation>添加(&amp;A)</translation>
        </message>
        <message>
            <source>The two passwords differ: type the same password twice.</source>
            <translation>两次输入的密码不一致：请输入相同的密码。</translation>
        </message>
    </context>
    <context>
        <name>EditUserForm</name>
        <message>
            <source>Change user %1</source>
            <translation>修改用户 %1</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
    </context>
    <context>
        <name>UsersDialog</name>
        <message>
            <source>Users</source>
            <translation>用户</translation>
        </message>
        <message>
            <source>&amp;Add user…</source>
            <translation>添加用户(&amp;A)…</translation>
        </message>
        <message>
            <source>&amp;Change group/authority…</source>
            <translation>修改组别/权限(&amp;C)…</translation>
        </message>
        <message>
            <source>&amp;Unlock</source>
            <translation>解除锁定(&amp;U)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Read only: administrators change users.</source>
            <translation>只读：用户由管理员修改。</translation>
        </message>
        <message>
            <source>Choose a user first.</source>
            <translation>请先选择一个用户。</translation>
        </message>
        <message>
            <source>User %1 added.</source>
            <translation>已添加用户 %1。</translation>
        </message>
        <message>
            <source>User %1 changed.</source>
            <translation>已修改用户 %1。</translation>
        </message>
        <message>
            <source>Sign-in of %1 cleared (%2 wrong passwords forgotten).</source>
            <translation>已解除 %1 的登录锁定 (清除 %2 次密码错误)。</translation>
        </message>
    </context>
    <context>
        <name>EventsDialog</name>
        <message>
            <source>Field events</source>
            <translation>现场事件</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>事件</translation>
        </message>
        <message>
            <source>Recorded by</source>
            <translation>记录人</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Keys 1–6 record the event now; change the time first to record it earlier.</source>
            <translation>按 1–6 键即按当前时间记录；要记录较早的时间，请先修改时间。</translation>
        </message>
        <message>
            <source>Reported</source>
            <translation>报案</translation>
        </message>
        <message>
            <source>Dispatched</source>
            <translation>调度</translation>
        </message>
        <message>
            <source>Contacted the customer</source>
            <translation>联系客户</translation>
        </message>
        <message>
            <source>Arrived on site</source>
            <translation>到达现场</translation>
        </message>
        <message>
            <source>Entrusted survey</source>
            <translation>委托查勘</translation>
        </message>
        <message>
            <source>Surveyed</source>
            <translation>查勘</translation>
        </message>
        <message>
            <source>First photo</source>
            <translation>首张照片</translation>
        </message>
        <message>
            <source>Teardown</source>
            <translation>拆解</translation>
        </message>
        <message>
            <source>Teardown items fixed</source>
            <translation>拆解项目确定</translation>
        </message>
        <message>
            <source>Submitted for review</source>
            <translation>提交核损</translation>
        </message>
        <message>
            <source>Returned</source>
            <translation>核损退回</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>核损通过</translation>
        </message>
        <message>
            <source>Supplement started</source>
            <translation>追加定损</translation>
        </message>
        <message>
            <source>Customer signed</source>
            <translation>客户签字</translation>
        </message>
        <message>
            <source>Approval notice sent</source>
            <translation>核定通知已发送</translation>
        </message>
        <message>
            <source>Documents collected</source>
            <translation>单证收集齐全</translation>
        </message>
        <message>
            <source>Now</source>
            <translation>现在</translation>
        </message>
        <message>
            <source>For an entrusted survey: a branch or an assessment firm</source>
            <translation>委托查勘时填写：分公司或公估机构</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>选填</translation>
        </message>
        <message>
            <source>Entrusted party</source>
            <translation>受托方</translation>
        </message>
        <message>
            <source>Recorded: %1 at %2</source>
            <translation>已记录：%1，%2</translation>
        </message>
    </context>
    <context>
        <name>WelcomePanel</name>
        <message>
            <source>Welcome to Estimator</source>
            <translation>欢迎使用定损工作站</translation>
        </message>
        <message>
            <source>This database has no users yet. First create the administrator account: the administrator manages the users, the settings and the data imports (the parts catalog and the labor standard), and can also assess cases. Once signed in, you import the data and add the assessors.</source>
            <translation>这个数据库还没有任何用户。请先创建管理员账号：管理员负责管理用户、系统设置和数据导入（配件目录和工时标准），也可以定损。登录后即可导入数据并添加定损员。</translation>
        </message>
        <message>
            <source>Password rule: at least %1 characters.</source>
            <translation>密码要求：至少 %1 个字符。</translation>
        </message>
        <message>
            <source>The password has %1 characters; it needs at least %2.</source>
            <translation>密码现在是 %1 个字符，至少需要 %2 个。</translation>
        </message>
        <message>
            <source>The two passwords differ.</source>
            <translation>两次输入的密码不一致。</translation>
        </message>
        <message>
            <source>Enter a username.</source>
            <translation>请输入用户名。</translation>
        </message>
        <message>
            <source>at least %1 characters</source>
            <translation>至少 %1 个字符</translation>
        </message>
        <message>
            <source>Create the administrator</source>
            <translation>创建管理员</translation>
        </message>
    </context>
    <context>
        <name>SetupDialog</name>
        <message>
            <source>&amp;Set up the data…</source>
            <translation>准备数据(&amp;S)…</translation>
        </message>
        <message>
            <source>Set up the data</source>
            <translation>开始使用：准备数据</translation>
        </message>
        <message>
            <source>Load the sample data</source>
            <translation>载入示例数据</translation>
        </message>
        <message>
            <source>Later</source>
            <translation>以后再说</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>完成</translation>
        </message>
        <message>
            <source>Estimates are priced from a parts catalog and a labor standard. Import your own workbooks, or load the sample data to try the workstation first. Both can be imported later from the Data menu.</source>
            <translation>定损单按配件目录和工时标准计价。请导入您自己的工作簿，或先载入示例数据试用工作站。以后也可以从“数据”菜单导入。</translation>
        </message>
        <message>
            <source>Parts catalog</source>
            <translation>配件目录</translation>
        </message>
        <message>
            <source>The vehicle models, their parts and prices.</source>
            <translation>车型、配件及价格。</translation>
        </message>
        <message>
            <source>Import a parts catalog…</source>
            <translation>导入配件目录…</translation>
        </message>
        <message>
            <source>Labor standard</source>
            <translation>工时标准</translation>
        </message>
        <message>
            <source>Labor hours, rates and paint, per region and shop class.</source>
            <translation>按地区和修理厂类别的工时、工时单价和喷漆标准。</translation>
        </message>
        <message>
            <source>Import a labor standard…</source>
            <translation>导入工时标准…</translation>
        </message>
        <message>
            <source>Save the template…</source>
            <translation>保存模板…</translation>
        </message>
        <message>
            <source>An empty workbook with the columns to fill in</source>
            <translation>一个列好表头、待填写的空白工作簿</translation>
        </message>
        <message>
            <source>Sample data</source>
            <translation>示例数据</translation>
        </message>
        <message>
            <source>A small catalog and labor standard shipped with the workstation, to try things.</source>
            <translation>工作站自带的小型配件目录和工时标准，供试用。</translation>
        </message>
        <message>
            <source>In this database now</source>
            <translation>数据库现有数据</translation>
        </message>
        <message>
            <source>Parts catalog: none imported yet.</source>
            <translation>配件目录：尚未导入。</translation>
        </message>
        <message>
            <source>Parts catalog: %1 vehicle models, %2 parts.</source>
            <translation>配件目录：%1 个车型，%2 个配件。</translation>
        </message>
        <message>
            <source>Labor standard: none imported yet.</source>
            <translation>工时标准：尚未导入。</translation>
        </message>
        <message>
            <source>Labor standard: %1.</source>
            <translation>工时标准：%1。</translation>
        </message>
        <message>
            <source>Choose a workbook</source>
            <translation>选择工作簿</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>parts-catalog-template.xlsx</source>
            <translation>配件目录模板.xlsx</translation>
        </message>
        <message>
            <source>labor-standard-template.xlsx</source>
            <translation>工时标准模板.xlsx</translation>
        </message>
        <message>
            <source>Save the template</source>
            <translation>保存模板</translation>
        </message>
        <message>
            <source>The template could not be written to %1.</source>
            <translation>模板无法写入 %1。</translation>
        </message>
        <message>
            <source>Template saved: %1. Fill it in, then import it here.</source>
            <translation>模板已保存：%1。填写后在此导入。</translation>
        </message>
        <message>
            <source>The sample data is loaded. Open or create a case and search the finder for %1 to try it.</source>
            <translation>示例数据已载入。打开或新建一个案件，在配件查找中输入“%1”试试。</translation>
        </message>
        <message>
            <source>the sample parts catalog</source>
            <translation>示例配件目录</translation>
        </message>
        <message>
            <source>the sample labor standard</source>
            <translation>示例工时标准</translation>
        </message>
        <message>
            <source>Importing %1…</source>
            <translation>正在导入%1…</translation>
        </message>
        <message>
            <source>The sample data was not imported; nothing was written.</source>
            <translation>示例数据未导入，未写入任何内容。</translation>
        </message>
    </context>
    <context>
        <name>SettlementDialog</name>
        <message>
            <source>Catalog price %1</source>
            <translation>目录价 %1</translation>
        </message>
        <message>
            <source>Water level</source>
            <translation>水淹高度</translation>
        </message>
        <message>
            <source>Immersion time</source>
            <translation>水淹时间</translation>
        </message>
        <message>
            <source>Engine restarted</source>
            <translation>发动机水淹后启动</translation>
        </message>
        <message>
            <source>Not flooded</source>
            <translation>未水淹</translation>
        </message>
        <message>
            <source>The engine was restarted after the flood</source>
            <translation>水淹后曾启动发动机</translation>
        </message>
        <message>
            <source>Flooded vehicle</source>
            <translation>水淹车</translation>
        </message>
        <message>
            <source>Vehicle value and policy</source>
            <translation>车辆价值与保单</translation>
        </message>
        <message>
            <source>Full liability</source>
            <translation>全责</translation>
        </message>
        <message>
            <source>Main liability</source>
            <translation>主责</translation>
        </message>
        <message>
            <source>Equal liability</source>
            <translation>同责</translation>
        </message>
        <message>
            <source>Minor liability</source>
            <translation>次责</translation>
        </message>
        <message>
            <source>No liability</source>
            <translation>无责</translation>
        </message>
        <message>
            <source>New-vehicle price</source>
            <translation>新车购置价</translation>
        </message>
        <message>
            <source>First registration</source>
            <translation>初次登记日期</translation>
        </message>
        <message>
            <source>Vehicle kind and use</source>
            <translation>车辆种类与使用性质</translation>
        </message>
        <message>
            <source>Loss date</source>
            <translation>出险日期</translation>
        </message>
        <message>
            <source>Whole-vehicle salvage</source>
            <translation>整车残值</translation>
        </message>
        <message>
            <source>Vehicle-damage sum insured</source>
            <translation>车损险保险金额</translation>
        </message>
        <message>
            <source>Third-party liability limit</source>
            <translation>三者险责任限额</translation>
        </message>
        <message>
            <source>Absolute deductible</source>
            <translation>绝对免赔额</translation>
        </message>
        <message>
            <source>Insured's liability</source>
            <translation>本方事故责任</translation>
        </message>
        <message>
            <source>Other party's liability</source>
            <translation>对方事故责任</translation>
        </message>
        <message>
            <source>yuan, e.g. 180,000.00</source>
            <translation>元，如 180,000.00</translation>
        </message>
        <message>
            <source>e.g. 2021-06-15</source>
            <translation>如 2021-06-15</translation>
        </message>
        <message>
            <source>Not given</source>
            <translation>未填</translation>
        </message>
        <message>
            <source>10 % of the actual value</source>
            <translation>未填按实际价值的 10% 计</translation>
        </message>
        <message>
            <source>The vehicle and its value</source>
            <translation>车辆与实际价值</translation>
        </message>
        <message>
            <source>the actual value when not stated</source>
            <translation>未填按实际价值计</translation>
        </message>
        <message>
            <source>yuan, e.g. 1,000,000.00</source>
            <translation>元，如 1,000,000.00</translation>
        </message>
        <message>
            <source>full liability when not given</source>
            <translation>未填按全责计</translation>
        </message>
        <message>
            <source>Two-vehicle accident (another vehicle involved)</source>
            <translation>两车事故（有对方车辆）</translation>
        </message>
        <message>
            <source>The other vehicle has compulsory insurance</source>
            <translation>对方车辆投保了交强险</translation>
        </message>
        <message>
            <source>the rest of the liability</source>
            <translation>未填按本方责任之外的部分计</translation>
        </message>
        <message>
            <source>Policy and liability</source>
            <translation>保单与事故责任</translation>
        </message>
    </context>
    <context>
        <name>PayoutPanel</name>
        <message>
            <source>New-vehicle price from: %1.</source>
            <translation>新车购置价来源：%1。</translation>
        </message>
        <message>
            <source>Vehicle value and policy…</source>
            <translation>车辆价值与保单…</translation>
        </message>
        <message>
            <source>Loss object</source>
            <translation>损失标的</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <source>Compulsory</source>
            <translation>交强险赔付</translation>
        </message>
        <message>
            <source>Liability</source>
            <translation>责任比例</translation>
        </message>
        <message>
            <source>Commercial</source>
            <translation>商业险赔付</translation>
        </message>
        <message>
            <source>Deductible</source>
            <translation>免赔额</translation>
        </message>
        <message>
            <source>Payable</source>
            <translation>预估赔款</translation>
        </message>
        <message>
            <source>The actual value is unknown: enter the new-vehicle price, the first registration, the vehicle kind and use, and the loss date.</source>
            <translation>实际价值未知：请在“车辆价值与保单”中填写新车购置价、初次登记日期、车辆种类与使用性质和出险日期。</translation>
        </message>
        <message>
            <source>Actual value %1 yuan: %2 of the new-vehicle price %3 (the least it keeps), %4 months in use at %5 a month.</source>
            <translation>实际价值 %1 元：新车购置价 %3 的 %2（折旧已达上限），已使用 %4 个月，月折旧率 %5。</translation>
        </message>
        <message>
            <source>Actual value %1 yuan = new-vehicle price %3 × (1 − %5 a month × %4 months in use).</source>
            <translation>实际价值 %1 元 = 新车购置价 %3 ×（1 − 月折旧率 %5 × 已使用 %4 个月）。</translation>
        </message>
        <message>
            <source>Total loss not assessed</source>
            <translation>未判定推定全损</translation>
        </message>
        <message>
            <source>Estimate (not approved)</source>
            <translation>预估(未核定)</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>已核定</translation>
        </message>
        <message>
            <source>Case total</source>
            <translation>案件合计</translation>
        </message>
        <message>
            <source>Actual value less whole-vehicle salvage</source>
            <translation>实际价值减整车残值</translation>
        </message>
        <message>
            <source>%1 × liability share, capped at %2</source>
            <translation>%1 × 责任比例，以 %2 为限</translation>
        </message>
        <message>
            <source>Estimate (not approved: %1)</source>
            <translation>预估(未核定：%1)</translation>
        </message>
    </context>
    <context>
        <name>PayoutActions</name>
        <message>
            <source>Pa&amp;yout estimate</source>
            <translation>赔款预估(&amp;Y)</translation>
        </message>
        <message>
            <source>&amp;Vehicle value and policy…</source>
            <translation>车辆价值与保单(&amp;V)…</translation>
        </message>
    </context>
    <context>
        <name>FloodVehicleAction</name>
        <message>
            <source>&amp;Flooded-vehicle checklist…</source>
            <translation>水淹车检查清单(&amp;F)…</translation>
        </message>
    </context>
    <context>
        <name>FloodVehicleDialog</name>
        <message>
            <source>Flooded-vehicle checklist</source>
            <translation>水淹车检查清单</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>项目</translation>
        </message>
        <message>
            <source>Hours or part</source>
            <translation>工时或配件</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Space ticks or unticks an item; Ctrl+Enter adds the ticked items as lines.</source>
            <translation>空格键勾选或取消项目；Ctrl+Enter 将勾选的项目添加为估损项目。</translation>
        </message>
        <message>
            <source>Add ticked items</source>
            <translation>添加勾选项目</translation>
        </message>
        <message>
            <source>Vehicle value and policy…</source>
            <translation>车辆价值与保单…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>This version can no longer be changed: the items are shown only.</source>
            <translation>本版本已不能修改：清单仅供查看。</translation>
        </message>
        <message>
            <source>No water level and immersion time on this case.</source>
            <translation>本案未录入水淹高度与水淹时间。</translation>
        </message>
        <message>
            <source>Water level %1 (%2) · immersion %3 (%4)</source>
            <translation>水淹高度 %1 级（%2）· 水淹时间 %3（%4）</translation>
        </message>
        <message>
            <source>The guide's loss ratio: %1 to %2 of the actual value (unknown until the new-vehicle price, first registration, vehicle kind and loss date are entered).</source>
            <translation>指南损失率：实际价值的 %1 至 %2（录入新车购置价、初次登记日期、车辆种类与出险日期后可算出金额）。</translation>
        </message>
        <message>
            <source>The guide's loss ratio: %1 to %2 of the actual value %3 yuan, that is %4 to %5 yuan.</source>
            <translation>指南损失率：实际价值 %3 元的 %1 至 %2，即 %4 至 %5 元。</translation>
        </message>
        <message>
            <source>%1 h</source>
            <translation>%1 工时</translation>
        </message>
        <message>
            <source>part %1</source>
            <translation>配件 %1</translation>
        </message>
        <message>
            <source>about %1 yuan</source>
            <translation>参考价 %1 元</translation>
        </message>
        <message>
            <source>In the estimate</source>
            <translation>已添加</translation>
        </message>
        <message>
            <source>Inspect only, no line</source>
            <translation>仅检查，不生成项目</translation>
        </message>
        <message>
            <source>Tick the items found first (Space).</source>
            <translation>请先勾选发现的项目（空格键）。</translation>
        </message>
        <message>
            <source>First save or settle the lines in the editor; then add the items.</source>
            <translation>请先在编辑器中保存或处理未保存的修改，再添加项目。</translation>
        </message>
        <message>
            <source>Add flood items</source>
            <translation>添加水淹车项目</translation>
        </message>
        <message>
            <source>%1 lines added.</source>
            <translation>已添加 %1 个项目。</translation>
        </message>
        <message>
            <source>%1 inspect items give no line.</source>
            <translation>%1 个检查项目不生成估损项目。</translation>
        </message>
    </context>
    <context>
        <name>DemoHistoryBar</name>
        <message>
            <source>Building the demo's three months of history…</source>
            <translation>正在后台生成演示的三个月历史数据…</translation>
        </message>
        <message>
            <source>Building the demo's three months of history: %1 of %2 cases</source>
            <translation>正在后台生成演示的三个月历史数据：%1/%2 个案件</translation>
        </message>
        <message>
            <source>The demo's history could not be built; today's cases are all there.</source>
            <translation>演示的历史数据未能生成；今天的案件均可正常使用。</translation>
        </message>
        <message>
            <source>The demo's three months of history are in: %1 cases</source>
            <translation>演示的三个月历史数据已生成：%1 个案件</translation>
        </message>
    </context>
    <context>
        <name>ObjectTabs</name>
        <message>
            <source>Loss objects of the case: Ctrl+PgDown next, Ctrl+PgUp previous</source>
            <translation>本案损失标的：Ctrl+PgDown 下一个，Ctrl+PgUp 上一个</translation>
        </message>
        <message>
            <source>The case total is the sum of every loss object's newest version</source>
            <translation>案件合计为各损失标的最新版本金额之和</translation>
        </message>
        <message>
            <source>+ Third-party vehicle</source>
            <translation>+ 三者车</translation>
        </message>
        <message>
            <source>+ Third-party property</source>
            <translation>+ 三者物损</translation>
        </message>
        <message>
            <source>%1, version %2: %3</source>
            <translation>%1，第 %2 版：%3</translation>
        </message>
        <message>
            <source>Case total (%1 loss objects)&lt;br&gt;&lt;b&gt;%2&lt;/b&gt;</source>
            <translation>案件合计（%1 个损失标的）&lt;br&gt;&lt;b&gt;%2&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Third-party property is estimated with material (F), sublet (W) and towing (S) lines: quantity, unit price and amount. Catalog parts, labor and paint are for vehicles.</source>
            <translation>三者物损按辅料 (F)、外修 (W)、施救 (S) 录入数量、单价和金额；配件目录、工时和喷漆只用于车辆。</translation>
        </message>
        <message>
            <source>First save again, re-apply or discard the edit that was not saved; then open another loss object.</source>
            <translation>请先重新保存、重新应用或放弃未保存的修改，再打开其他损失标的。</translation>
        </message>
        <message>
            <source>Change loss object…</source>
            <translation>修改损失标的…</translation>
        </message>
        <message>
            <source>Remove loss object</source>
            <translation>删除损失标的</translation>
        </message>
        <message>
            <source>Remove %1 with its draft estimate? This cannot be undone.</source>
            <translation>删除“%1”及其估损单草稿？删除后不能恢复。</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Keep</source>
            <translation>保留</translation>
        </message>
    </context>
    <context>
        <name>ThirdPartyVehicleDialog</name>
        <message>
            <source>Add a third-party vehicle</source>
            <translation>添加三者车</translation>
        </message>
        <message>
            <source>Plate or VIN: at least one</source>
            <translation>车牌号或车架号：至少填一项</translation>
        </message>
        <message>
            <source>17 characters: finds the model</source>
            <translation>17 位：自动查找车型</translation>
        </message>
        <message>
            <source>Type a code, name or pinyin initials</source>
            <translation>输入车型代码、名称或拼音首字母</translation>
        </message>
        <message>
            <source>Add (Enter)</source>
            <translation>添加 (Enter)</translation>
        </message>
        <message>
            <source>Cancel (Esc)</source>
            <translation>取消 (Esc)</translation>
        </message>
        <message>
            <source>“%1” is not a model of the catalog: choose one from the list.</source>
            <translation>“%1”不是目录中的车型：请从列表中选择。</translation>
        </message>
        <message>
            <source>Change the third-party vehicle</source>
            <translation>修改三者车</translation>
        </message>
        <message>
            <source>Save (Enter)</source>
            <translation>保存 (Enter)</translation>
        </message>
    </context>
    <context>
        <name>ThirdPartyPropertyDialog</name>
        <message>
            <source>Add third-party property</source>
            <translation>添加三者物损</translation>
        </message>
        <message>
            <source>Whose it is: a road authority, a company, a person</source>
            <translation>财产所有人：如公路管理部门、单位或个人</translation>
        </message>
        <message>
            <source>What was damaged: guard rail, wall, goods</source>
            <translation>受损财产：如护栏、围墙、货物</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>所有人</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>受损财产</translation>
        </message>
        <message>
            <source>Add (Enter)</source>
            <translation>添加 (Enter)</translation>
        </message>
        <message>
            <source>Cancel (Esc)</source>
            <translation>取消 (Esc)</translation>
        </message>
        <message>
            <source>Enter the owner or what was damaged.</source>
            <translation>请填写所有人或受损财产。</translation>
        </message>
        <message>
            <source>Change the third-party property</source>
            <translation>修改三者物损</translation>
        </message>
        <message>
            <source>Save (Enter)</source>
            <translation>保存 (Enter)</translation>
        </message>
    </context>
    <context>
        <name>ObjectActions</name>
        <message>
            <source>Ne&amp;xt loss object</source>
            <translation>下一个损失标的(&amp;X)</translation>
        </message>
        <message>
            <source>P&amp;revious loss object</source>
            <translation>上一个损失标的(&amp;R)</translation>
        </message>
        <message>
            <source>Add a &amp;third-party vehicle…</source>
            <translation>添加三者车(&amp;T)…</translation>
        </message>
        <message>
            <source>Add th&amp;ird-party property…</source>
            <translation>添加三者物损(&amp;I)…</translation>
        </message>
        <message>
            <source>Loss objects of the case: %1 next, %2 previous</source>
            <translation>本案损失标的：%1 下一个，%2 上一个</translation>
        </message>
        <message>
            <source>&amp;Modify loss object…</source>
            <translation>修改损失标的(&amp;M)…</translation>
        </message>
        <message>
            <source>Remove loss o&amp;bject</source>
            <translation>删除损失标的(&amp;B)</translation>
        </message>
    </context>
    <context>
        <name>SettlementPanel</name>
        <message>
            <source>Settlement</source>
            <translation>赔款理算</translation>
        </message>
        <message>
            <source>No policy entered</source>
            <translation>未录入保单</translation>
        </message>
        <message>
            <source>Insurable value</source>
            <translation>保险价值</translation>
        </message>
        <message>
            <source>Sum insured</source>
            <translation>保险金额</translation>
        </message>
        <message>
            <source>Average ratio</source>
            <translation>比例赔付系数</translation>
        </message>
        <message>
            <source>Net loss</source>
            <translation>分批核定净损失</translation>
        </message>
        <message>
            <source>Deductible</source>
            <translation>免赔额</translation>
        </message>
        <message>
            <source>Rescue costs</source>
            <translation>施救费用</translation>
        </message>
        <message>
            <source>Debris removal</source>
            <translation>清理费</translation>
        </message>
        <message>
            <source>Payable</source>
            <translation>应付赔款</translation>
        </message>
        <message>
            <source>not covered</source>
            <translation>不在保险责任内</translation>
        </message>
        <message>
            <source>Policy…</source>
            <translation>保单…</translation>
        </message>
    </context>
    <context>
        <name>FloodLotsTab</name>
        <message>
            <source>Enter the units tested and failed per lot: a lot with results is measured (its failure rate), the others stay assumed.</source>
            <translation>请按批次录入检测数与不合格数：有检测结果的批次按实测不合格率计算，其余批次仍为推定。</translation>
        </message>
        <message>
            <source>Disposal…</source>
            <translation>处置…</translation>
        </message>
        <message>
            <source>Choose the disposal of the lot selected (or double-click its disposal).</source>
            <translation>选择所选批次的处置方式（或双击其处置列）。</translation>
        </message>
    </context>
    <context>
        <name>FloodPolicyDialog</name>
        <message>
            <source>Policy</source>
            <translation>保单</translation>
        </message>
        <message>
            <source>Sum insured</source>
            <translation>保险金额</translation>
        </message>
        <message>
            <source>Deductible amount</source>
            <translation>免赔额</translation>
        </message>
        <message>
            <source>Deductible rate</source>
            <translation>免赔率</translation>
        </message>
        <message>
            <source>Rescue costs</source>
            <translation>施救费用</translation>
        </message>
        <message>
            <source>Debris removal</source>
            <translation>清理费</translation>
        </message>
        <message>
            <source>Book value of the stock</source>
            <translation>账面存货价值</translation>
        </message>
        <message>
            <source>blank: none</source>
            <translation>空白: 无</translation>
        </message>
        <message>
            <source>0.05 is 5 %</source>
            <translation>0.05 即 5%</translation>
        </message>
        <message>
            <source>blank: not covered</source>
            <translation>空白: 不在保险责任内</translation>
        </message>
        <message>
            <source>blank: the counted stock</source>
            <translation>空白: 按盘点存货计算</translation>
        </message>
        <message>
            <source>Costs include VAT</source>
            <translation>费用含税</translation>
        </message>
        <message>
            <source>Costs exclude VAT</source>
            <translation>费用不含税</translation>
        </message>
        <message>
            <source>VAT basis</source>
            <translation>计税基础</translation>
        </message>
        <message>
            <source>Remove the policy</source>
            <translation>删除保单</translation>
        </message>
        <message>
            <source>%1: enter a plain decimal such as 0.05.</source>
            <translation>%1: 请输入小数，如 0.05。</translation>
        </message>
        <message>
            <source>%1: required.</source>
            <translation>%1: 必填。</translation>
        </message>
    </context>
    <context>
        <name>FloodDisposalDialog</name>
        <message>
            <source>Disposal of the lot</source>
            <translation>批次处置</translation>
        </message>
        <message>
            <source>%1 · %2 · %3 · %4 units · value ¥%5</source>
            <translation>%1 · %2 · %3 · %4 件 · 价值 ¥%5</translation>
        </message>
        <message>
            <source>Net loss (¥)</source>
            <translation>净损失（元）</translation>
        </message>
        <message>
            <source>0.35 is 35 % of the value lost</source>
            <translation>0.35 即损失价值的 35%</translation>
        </message>
        <message>
            <source>blank: the category's %1</source>
            <translation>空白：按品类默认 %1</translation>
        </message>
        <message>
            <source>wins over the rate</source>
            <translation>优先于折扣率</translation>
        </message>
        <message>
            <source>Sale discount rate</source>
            <translation>处理品折扣率</translation>
        </message>
        <message>
            <source>Buyer's quote (¥)</source>
            <translation>买方报价（元）</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>理由</translation>
        </message>
        <message>
            <source>Discount rate: enter a decimal between 0 and 1, such as 0.35.</source>
            <translation>折扣率：请输入 0 到 1 之间的小数，如 0.35。</translation>
        </message>
        <message>
            <source>Buyer's quote</source>
            <translation>买方报价</translation>
        </message>
        <message>
            <source>Proposed</source>
            <translation>建议</translation>
        </message>
        <message>
            <source>Not the proposal: enter a reason.</source>
            <translation>所选不是建议的处置：须填写理由。</translation>
        </message>
    </context>
    <context>
        <name>SyncOutcomeDialog</name>
        <message>
            <source>checked out</source>
            <translation>已检出</translation>
        </message>
        <message>
            <source>not checked out</source>
            <translation>未检出</translation>
        </message>
        <message>
            <source>refused</source>
            <translation>被拒绝</translation>
        </message>
        <message>
            <source>checked in</source>
            <translation>已检入</translation>
        </message>
        <message>
            <source>this laptop's changes discarded</source>
            <translation>已放弃本机修改</translation>
        </message>
        <message>
            <source>conflict</source>
            <translation>冲突</translation>
        </message>
        <message>
            <source>Claim no.</source>
            <translation>报案号</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>原因</translation>
        </message>
    </context>
    <context>
        <name>SyncStatusDialog</name>
        <message>
            <source>Offline status</source>
            <translation>离线状态</translation>
        </message>
        <message>
            <source>made here, to check in</source>
            <translation>本机新建，待检入</translation>
        </message>
        <message>
            <source>checked in (read-only)</source>
            <translation>已检入（只读）</translation>
        </message>
        <message>
            <source>checked out, changed</source>
            <translation>检出中，有修改</translation>
        </message>
        <message>
            <source>checked out</source>
            <translation>检出中</translation>
        </message>
        <message>
            <source>A check-in is unfinished: check in again to finish it.</source>
            <translation>有一次检入未完成：请再次检入以续完。</translation>
        </message>
        <message>
            <source>Claim no.</source>
            <translation>报案号</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>未设置</translation>
        </message>
        <message>
            <source>Laptop %1, user %2; %3 case(s) and %4 audit entries to check in. Team server: %5 (%6).</source>
            <translation>本机 %1，用户 %2；待检入 %3 个案件、审计记录 %4 条。团队服务器：%5（%6）。</translation>
        </message>
    </context>
    <context>
        <name>SyncConflictDialog</name>
        <message>
            <source>Re-apply this laptop's changes</source>
            <translation>以本机为准重新应用</translation>
        </message>
        <message>
            <source>Discard this laptop's changes</source>
            <translation>放弃本机修改</translation>
        </message>
        <message>
            <source>Later</source>
            <translation>稍后</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>位置</translation>
        </message>
        <message>
            <source>As exchanged</source>
            <translation>检出时</translation>
        </message>
        <message>
            <source>Here</source>
            <translation>本机</translation>
        </message>
        <message>
            <source>On the server</source>
            <translation>服务器上</translation>
        </message>
        <message>
            <source>(whole row)</source>
            <translation>（整行）</translation>
        </message>
        <message>
            <source>(a version's lines)</source>
            <translation>（一个版本的全部项目）</translation>
        </message>
        <message>
            <source>%1 line(s)</source>
            <translation>%1 项</translation>
        </message>
        <message>
            <source>Check-in conflict: case %1</source>
            <translation>检入冲突：案件 %1</translation>
        </message>
        <message>
            <source>Case %1 was changed on the team server since it was checked out to this laptop. Nothing of it was checked in; it stays checked out here with your changes. Compare both sides, then re-apply your changes over the server's or discard them.</source>
            <translation>案件 %1 检出到本机后，团队服务器上也有人修改了它。此案件未检入任何内容，仍检出在本机，您的修改都在。请对照两边，再选择以本机为准重新应用，或放弃本机修改。</translation>
        </message>
    </context>
    <context>
        <name>OfflineWork</name>
        <message>
            <source>In sync</source>
            <translation>已同步</translation>
        </message>
        <message>
            <source>O&amp;ffline</source>
            <translation>离线(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Work offline…</source>
            <translation>离线工作(&amp;W)…</translation>
        </message>
        <message>
            <source>Check my cases out of the team server into this workstation</source>
            <translation>把我的案件从团队服务器检出到本机</translation>
        </message>
        <message>
            <source>Check &amp;in</source>
            <translation>检入(&amp;I)</translation>
        </message>
        <message>
            <source>Offline &amp;status…</source>
            <translation>离线状态(&amp;S)…</translation>
        </message>
        <message>
            <source>Team s&amp;erver…</source>
            <translation>团队服务器(&amp;E)…</translation>
        </message>
        <message>
            <source>Team server</source>
            <translation>团队服务器</translation>
        </message>
        <message>
            <source>The team database's URL (postgresql+psycopg://user@host/database):</source>
            <translation>团队数据库的 URL（postgresql+psycopg://用户@主机/数据库）：</translation>
        </message>
        <message>
            <source>the team server cannot be reached</source>
            <translation>无法连接团队服务器</translation>
        </message>
        <message>
            <source>Not done: the team server cannot be reached. Nothing here was changed.</source>
            <translation>未完成：无法连接团队服务器。本机未作任何修改。</translation>
        </message>
        <message>
            <source>No team server is set (Offline → Team server…).</source>
            <translation>尚未设置团队服务器（离线 → 团队服务器…）。</translation>
        </message>
        <message>
            <source>Trying the team server…</source>
            <translation>正在连接团队服务器…</translation>
        </message>
        <message>
            <source>Check-in unfinished</source>
            <translation>检入未完成</translation>
        </message>
        <message>
            <source>Checking your cases out of the team server…</source>
            <translation>正在从团队服务器检出您的案件…</translation>
        </message>
        <message>
            <source>Work offline</source>
            <translation>离线工作</translation>
        </message>
        <message>
            <source>Checking in to the team server…</source>
            <translation>正在检入团队服务器…</translation>
        </message>
        <message>
            <source>not tried yet</source>
            <translation>尚未连接</translation>
        </message>
        <message>
            <source>The team server cannot be this workstation's own database.</source>
            <translation>团队服务器不能是本机自己的数据库。</translation>
        </message>
        <message>
            <source>Check this workstation's work in</source>
            <translation>把本机的离线工作检入团队服务器</translation>
        </message>
        <message>
            <source>server unreachable</source>
            <translation>服务器无法连接</translation>
        </message>
        <message>
            <source>Check in</source>
            <translation>检入</translation>
        </message>
        <message>
            <source>reachable</source>
            <translation>可连接</translation>
        </message>
        <message>
            <source>cannot be reached</source>
            <translation>无法连接</translation>
        </message>
        <message>
            <source>The team server cannot be reached: %1</source>
            <translation>无法连接团队服务器：%1</translation>
        </message>
        <message>
            <source>Offline: %1 case(s) to check in</source>
            <translation>离线：待检入 %1 个案件</translation>
        </message>
        <message>
            <source>Checked out to this workstation (%1): %2 case(s).</source>
            <translation>已检出到本机（%1）：%2 个案件。</translation>
        </message>
        <message>
            <source>Case %1 stays checked out here with your changes; check in again later.</source>
            <translation>案件 %1 仍检出在本机，您的修改都在；稍后请再次检入。</translation>
        </message>
        <message>
            <source>Checked in: %1 case(s); %2 in conflict, %3 refused.</source>
            <translation>检入：%1 个案件已检入；%2 个冲突，%3 个被拒绝。</translation>
        </message>
    </context>
    <context>
        <name>BundleWork</name>
        <message>
            <source>Write sync &amp;bundle…</source>
            <translation>写出同步包(&amp;B)…</translation>
        </message>
        <message>
            <source>Save this workstation's check-in as a signed file for the office</source>
            <translation>把本机的检入保存为签名文件，交给办公室导入</translation>
        </message>
        <message>
            <source>&amp;Read receipt…</source>
            <translation>读取回执(&amp;R)…</translation>
        </message>
        <message>
            <source>Read the office's receipt of a sync bundle to finish its check-in</source>
            <translation>读取办公室对同步包的回执，完成这次检入</translation>
        </message>
        <message>
            <source>Your signing certificate</source>
            <translation>您的签名证书</translation>
        </message>
        <message>
            <source>Certificates (*.p12 *.pfx)</source>
            <translation>证书 (*.p12 *.pfx)</translation>
        </message>
        <message>
            <source>Certificate passphrase</source>
            <translation>证书口令</translation>
        </message>
        <message>
            <source>The passphrase of your certificate:</source>
            <translation>您的证书口令：</translation>
        </message>
        <message>
            <source>Save the sync bundle</source>
            <translation>保存同步包</translation>
        </message>
        <message>
            <source>Sync bundles (*.estsync)</source>
            <translation>同步包 (*.estsync)</translation>
        </message>
        <message>
            <source>Read a receipt</source>
            <translation>读取回执</translation>
        </message>
        <message>
            <source>Sync bundles (*.estsync);;All files (*)</source>
            <translation>同步包 (*.estsync);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Not done: the certificate cannot be read (%1).</source>
            <translation>未完成：无法读取证书（%1）。</translation>
        </message>
        <message>
            <source>Writing the sync bundle…</source>
            <translation>正在写出同步包…</translation>
        </message>
        <message>
            <source>Not done: the bundle cannot be saved (%1). Write it again somewhere else.</source>
            <translation>未完成：无法保存同步包（%1）。请换个位置重新写出。</translation>
        </message>
        <message>
            <source>Wrote %1: %2 case(s), %3 with changes. They stay read-only here until its receipt is read back (Offline → Read receipt…).</source>
            <translation>已写出 %1：%2 个案件，其中 %3 个有修改。在读回其回执之前（离线 → 读取回执…），这些案件在本机只读。</translation>
        </message>
        <message>
            <source>Write sync bundle</source>
            <translation>写出同步包</translation>
        </message>
        <message>
            <source>Not done: the receipt cannot be read (%1).</source>
            <translation>未完成：无法读取回执（%1）。</translation>
        </message>
        <message>
            <source>Reading the receipt…</source>
            <translation>正在读取回执…</translation>
        </message>
        <message>
            <source>Receipt read: %1 case(s) checked in; %2 in conflict, %3 refused.</source>
            <translation>已读取回执：%1 个案件已检入；%2 个冲突，%3 个被拒绝。</translation>
        </message>
        <message>
            <source>Read receipt</source>
            <translation>读取回执</translation>
        </message>
    </context>
</TS>
