<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
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
        <translation>报案号、车牌或 VIN</translation>
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
</context>
<context>
    <name>EstimateEditor</name>
    <message>
        <source>Save again</source>
        <translation>重新保存</translation>
    </message>
    <message>
        <source>Not saved: your change is kept on screen. Press Save again when the problem is fixed.</source>
        <translation>未保存：您的修改仍保留在屏幕上，问题解决后请点击“重新保存”。</translation>
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
        <source>Supplement (追加定损)</source>
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
</context>
<context>
    <name>SignInDialog</name>
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
        <source>Partner shop</source>
        <translation>合作修理厂</translation>
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
</context>
<context>
    <name>Models</name>
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
</context>
<context>
    <name>ReviewDesk</name>
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
</context>
</TS>
