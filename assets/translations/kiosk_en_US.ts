<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActionsPage</name>
    <message>
        <source>操作</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>设备测试</source>
        <translation>Device tests</translation>
    </message>
    <message>
        <source>补打回执</source>
        <translation>Reprint a receipt</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>被平台退回的办件和评价</source>
        <translation>Cases and ratings the platform refused</translation>
    </message>
    <message>
        <source>服务状态</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>重新启动</source>
        <translation>Restart</translation>
    </message>
    <message>
        <source>测试读卡</source>
        <translation>Test read</translation>
    </message>
    <message>
        <source>测试扫码</source>
        <translation>Test scan</translation>
    </message>
    <message>
        <source>测试打印</source>
        <translation>Test print</translation>
    </message>
    <message>
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>扫描回执二维码补打</source>
        <translation>Scan the receipt QR to reprint</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>重新发送所选</source>
        <translation>Send the selected again</translation>
    </message>
    <message>
        <source>全部重新发送</source>
        <translation>Send all again</translation>
    </message>
    <message>
        <source>重启本机程序</source>
        <translation>Restart the app</translation>
    </message>
    <message>
        <source>重启整台机器</source>
        <translation>Reboot the machine</translation>
    </message>
    <message>
        <source>输入办件编号，如 KSK00001-20260101-000001</source>
        <translation>Type the case number, e.g. KSK00001-20260101-000001</translation>
    </message>
    <message>
        <source>重启本机程序？约半分钟内不能使用。</source>
        <translation>Restart the app? The kiosk cannot be used for about half a minute.</translation>
    </message>
    <message>
        <source>重启整台机器？约两分钟内不能使用。</source>
        <translation>Reboot the machine? The kiosk cannot be used for about two minutes.</translation>
    </message>
    <message>
        <source>没有被退回的办件或评价</source>
        <translation>No refused case or rating</translation>
    </message>
    <message>
        <source>未说明原因</source>
        <translation>no reason given</translation>
    </message>
    <message>
        <source>办件 {case}：{reason}（{since}）</source>
        <translation>Case {case}: {reason} ({since})</translation>
    </message>
    <message>
        <source>评价（办件 {case}）：{reason}（{since}）</source>
        <translation>Rating (case {case}): {reason} ({since})</translation>
    </message>
    <message>
        <source>上次同步成功：{time}</source>
        <translation>Last successful sync: {time}</translation>
    </message>
    <message>
        <source>还没有同步成功过</source>
        <translation>No successful sync yet</translation>
    </message>
    <message>
        <source>；已请求同步，等待同步程序开始</source>
        <translation>; sync requested, waiting for the sync agent to start</translation>
    </message>
    <message>
        <source>本机正在服务。</source>
        <translation>The kiosk is in service.</translation>
    </message>
    <message>
        <source>暂停服务</source>
        <translation>Take out of service</translation>
    </message>
    <message>
        <source>本机已暂停服务，不受理申请。</source>
        <translation>The kiosk is out of service and takes no applications.</translation>
    </message>
    <message>
        <source>恢复服务</source>
        <translation>Put back in service</translation>
    </message>
    <message>
        <source>请把身份证放在读卡区……</source>
        <translation>Place an ID card on the reader…</translation>
    </message>
    <message>
        <source>请把二维码对准扫码窗口……</source>
        <translation>Hold a QR code to the scanner…</translation>
    </message>
    <message>
        <source>正在打印测试页……</source>
        <translation>Printing the test page…</translation>
    </message>
    <message>
        <source>正在补打回执……</source>
        <translation>Printing the receipt again…</translation>
    </message>
    <message>
        <source>本机没有扫码器：请输入回执上的办件编号。</source>
        <translation>This kiosk has no QR scanner: type the case number from the receipt.</translation>
    </message>
    <message>
        <source>请把回执上的二维码对准扫码窗口……</source>
        <translation>Hold the receipt&apos;s QR code to the scanner…</translation>
    </message>
    <message>
        <source>正在请求同步……</source>
        <translation>Requesting a sync…</translation>
    </message>
    <message>
        <source>请先在列表里点选一项。</source>
        <translation>First tap an item in the list.</translation>
    </message>
    <message>
        <source>正在重新排队……</source>
        <translation>Queueing again…</translation>
    </message>
    <message>
        <source>正在切换服务状态……</source>
        <translation>Switching the service state…</translation>
    </message>
    <message>
        <source>正在请求重启……</source>
        <translation>Asking for a reboot…</translation>
    </message>
    <message>
        <source>没有完成：出现了意外问题。请再试一次；仍不行请联系技术人员。</source>
        <translation>Not done: something unexpected went wrong. Try once more; if it persists, call a technician.</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>要补打回执的办件编号</source>
        <translation>The case number whose receipt to print again</translation>
    </message>
    <message>
        <source>被退回的列表</source>
        <translation>Refused items</translation>
    </message>
    <message>
        <source>点选一项后可重新发送</source>
        <translation>Tap an item, then send it again</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>政务服务自助终端</source>
        <translation>Public Service Kiosk</translation>
    </message>
    <message>
        <source>24小时自助办理，最多跑一次。
请准备好您的居民身份证，按“开始办理”。</source>
        <translation>Open 24 hours: get it done in at most one trip.
Have your resident ID card ready and tap &quot;Start&quot;.</translation>
    </message>
    <message>
        <source>{hall} · 咨询投诉热线 {hotline}</source>
        <translation>{hall} · Help and complaints: {hotline}</translation>
    </message>
    <message>
        <source>开始办理</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>选择要办理的事项</source>
        <translation>Choose what you need to do</translation>
    </message>
    <message>
        <source>办件查询</source>
        <translation>Check progress</translation>
    </message>
    <message>
        <source>查询已提交事项的办理进度</source>
        <translation>See how a submitted application is progressing</translation>
    </message>
    <message>
        <source>语音播报</source>
        <translation>Voice</translation>
    </message>
    <message>
        <source>打开或关闭语音提示</source>
        <translation>Turn spoken guidance on or off</translation>
    </message>
</context>
<context>
    <name>ConfigPage</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>检查并保存</source>
        <translation>Check and save</translation>
    </message>
    <message>
        <source>立即重启应用</source>
        <translation>Restart the app now</translation>
    </message>
    <message>
        <source>请先以技术人员身份登录。</source>
        <translation>Sign in as a technician first.</translation>
    </message>
    <message>
        <source>正在检查并保存……</source>
        <translation>Checking and saving…</translation>
    </message>
    <message>
        <source>没有保存，文件未改动。请按提示改正后再保存。</source>
        <translation>Not saved; the file is unchanged. Correct what is marked, then save again.</translation>
    </message>
    <message>
        <source>这一项不能保存：{problem}</source>
        <translation>This setting cannot be saved: {problem}</translation>
    </message>
    <message>
        <source>没有改动。</source>
        <translation>Nothing was changed.</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>已生效：{names}</source>
        <translation>In effect now: {names}</translation>
    </message>
    <message>
        <source>重启应用后生效：{names}（可按“立即重启应用”）</source>
        <translation>In effect after the app restarts: {names} (press “Restart the app now”)</translation>
    </message>
    <message>
        <source>同步服务下次启动时生效：{names}</source>
        <translation>In effect when the sync service next starts: {names}</translation>
    </message>
    <message>
        <source>重启后生效：{names}</source>
        <translation>In effect after a restart: {names}</translation>
    </message>
</context>
<context>
    <name>ConfirmBar</name>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <source>请核对申请信息</source>
        <translation>Please check your application</translation>
    </message>
    <message>
        <source>返回修改</source>
        <translation>Go back and change</translation>
    </message>
    <message>
        <source>回到上一步修改</source>
        <translation>Go back to the previous step to make changes</translation>
    </message>
    <message>
        <source>确认提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>提交申请并打印回执</source>
        <translation>Submit the application and print the receipt</translation>
    </message>
    <message>
        <source>请核对申请信息，无误后按“确认提交”。</source>
        <translation>Check your application, then tap &quot;Submit&quot;.</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <source>免提交</source>
        <translation>Not needed</translation>
    </message>
    <message>
        <source>告知承诺，已签名</source>
        <translation>Commitment signed</translation>
    </message>
    <message>
        <source>容缺后补</source>
        <translation>Supply later</translation>
    </message>
    <message>
        <source>现场提交</source>
        <translation>Bring to the window</translation>
    </message>
    <message>
        <source>不提供</source>
        <translation>Not provided</translation>
    </message>
    <message>
        <source>结果领取方式</source>
        <translation>How to receive the result</translation>
    </message>
    <message>
        <source>已签名</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>正在提交并打印回执，请稍候…</source>
        <translation>Submitting and printing your receipt, please wait…</translation>
    </message>
    <message>
        <source>自取</source>
        <translation>Pick up</translation>
    </message>
    <message>
        <source>邮寄</source>
        <translation>By post</translation>
    </message>
</context>
<context>
    <name>ConsoleScreen</name>
    <message>
        <source>工作人员控制台</source>
        <translation>Staff console</translation>
    </message>
    <message>
        <source>退出控制台</source>
        <translation>Leave console</translation>
    </message>
    <message>
        <source>这里暂时没有可用的功能。按“退出控制台”回到首页。</source>
        <translation>Nothing is available here yet. Tap &quot;Leave console&quot; to return to the start screen.</translation>
    </message>
    <message>
        <source>工作人员</source>
        <translation>staff</translation>
    </message>
    <message>
        <source>技术员</source>
        <translation>technician</translation>
    </message>
    <message>
        <source>已登录：工号 {number}（{role}）</source>
        <translation>Logged in: staff number {number} ({role})</translation>
    </message>
</context>
<context>
    <name>DeliveryScreen</name>
    <message>
        <source>结果领取方式</source>
        <translation>Result delivery</translation>
    </message>
    <message>
        <source>邮寄地址，写到街道和门牌号</source>
        <translation>Postal address, with street and house number</translation>
    </message>
    <message>
        <source>邮寄地址</source>
        <translation>Postal address</translation>
    </message>
    <message>
        <source>用屏幕键盘输入拼音</source>
        <translation>Type pinyin on the on-screen keyboard</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>请选择结果领取方式。选择邮寄的，请核对邮寄地址。</source>
        <translation>Choose how to receive the result. If by post, check the address.</translation>
    </message>
    <message>
        <source>自取</source>
        <translation>Pick up</translation>
    </message>
    <message>
        <source>邮寄</source>
        <translation>By post</translation>
    </message>
</context>
<context>
    <name>EarlyAttractWindow</name>
    <message>
        <source>政务服务自助终端</source>
        <translation>Government Self-Service Kiosk</translation>
    </message>
    <message>
        <source>正在准备，请稍候…</source>
        <translation>Getting ready, please wait a moment…</translation>
    </message>
</context>
<context>
    <name>FieldInput</name>
    <message>
        <source>{value}（已从身份证读取）</source>
        <translation>{value} (read from your ID card)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>请用手指在框内签名</source>
        <translation>Sign in the box with your finger</translation>
    </message>
    <message>
        <source>重签</source>
        <translation>Sign again</translation>
    </message>
    <message>
        <source>清除签名重签</source>
        <translation>Clear the signature and sign again</translation>
    </message>
    <message>
        <source>年月日8位数字，例如 20240301</source>
        <translation>Year, month, day as 8 digits, e.g. 20240301</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <source>填写申请信息</source>
        <translation>Fill in the application</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>回到上一页</source>
        <translation>Back to the previous page</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>检查本页并继续</source>
        <translation>Check this page and continue</translation>
    </message>
    <message>
        <source>请填写申请信息。已从身份证读取的内容无需填写。</source>
        <translation>Please fill in the application. What was read from your ID card is already filled in.</translation>
    </message>
    <message>
        <source>第 {page} 页，共 {pages} 页</source>
        <translation>Page {page} of {pages}</translation>
    </message>
    <message>
        <source>您的姓名或地址中有生僻字，屏幕和回执上可能显示不全，请以证件为准。</source>
        <translation>Your name or address contains a rare character that may not show fully on screen or on the receipt; your ID card is what counts.</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>回到事项列表</source>
        <translation>Back to the list of matters</translation>
    </message>
    <message>
        <source>打印告知单</source>
        <translation>Print list</translation>
    </message>
    <message>
        <source>打印一次性告知单带回家</source>
        <translation>Print the one-time checklist to take home</translation>
    </message>
    <message>
        <source>开始申请</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>读取身份证后填写申请</source>
        <translation>Read your ID card, then fill in the application</translation>
    </message>
    <message>
        <source>这是办事指南。看完后请按“开始申请”，也可以打印告知单带回家。</source>
        <translation>This is the service guide. When you have read it, tap &quot;Apply&quot;. You can also print the checklist to take home.</translation>
    </message>
</context>
<context>
    <name>HealthPage</name>
    <message>
        <source>运行状态</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>导出诊断信息到U盘</source>
        <translation>Export diagnostics to a USB stick</translation>
    </message>
    <message>
        <source>正在检查……</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>无法读取运行状态，请重启本机；仍不行请联系技术人员</source>
        <translation>The health could not be read. Restart the kiosk; if that does not help, call a technician</translation>
    </message>
    <message>
        <source>有 {faults} 项故障、{warnings} 项需要注意：请按红色一行的提示处理</source>
        <translation>{faults} fault(s), {warnings} warning(s): do what the red lines say</translation>
    </message>
    <message>
        <source>没有故障，{warnings} 项需要注意</source>
        <translation>No faults, {warnings} warning(s)</translation>
    </message>
    <message>
        <source>一切正常</source>
        <translation>Everything works</translation>
    </message>
    <message>
        <source>检查于 {time}（每隔几秒自动更新）</source>
        <translation>Checked at {time} (updated every few seconds)</translation>
    </message>
    <message>
        <source>请这样做：</source>
        <translation>What to do: </translation>
    </message>
    <message>
        <source>✖ 故障</source>
        <translation>✖ Fault</translation>
    </message>
    <message>
        <source>▲ 注意</source>
        <translation>▲ Warning</translation>
    </message>
    <message>
        <source>✔ 正常</source>
        <translation>✔ OK</translation>
    </message>
    <message>
        <source>正在查找U盘……</source>
        <translation>Looking for a USB stick…</translation>
    </message>
    <message>
        <source>没有找到U盘。请插入U盘后再试</source>
        <translation>No USB stick found. Plug one in and try again</translation>
    </message>
    <message>
        <source>找到多个U盘，请点选要写入的一个</source>
        <translation>Several USB sticks found: tap the one to write to</translation>
    </message>
    <message>
        <source>正在写入U盘 {drive}，请不要拔出……</source>
        <translation>Writing to the USB stick {drive}, do not pull it out…</translation>
    </message>
    <message>
        <source>已写入U盘 {drive}：{file}。现在可以拔出U盘，交给技术人员</source>
        <translation>Written to the USB stick {drive}: {file}. You can pull it out now and give it to a technician</translation>
    </message>
    <message>
        <source>写入U盘没有成功。请换一个U盘再试；仍不行请联系技术人员</source>
        <translation>Writing to the USB stick failed. Try another stick; if that does not help, call a technician</translation>
    </message>
</context>
<context>
    <name>HelpPage</name>
    <message>
        <source>求助</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>有 {n} 位居民在等工作人员，最早的在最上面。</source>
        <translation>{n} resident(s) waiting for staff, the longest waiting at the top.</translation>
    </message>
    <message>
        <source>现在没有居民在等工作人员。</source>
        <translation>Nobody is waiting for staff now.</translation>
    </message>
    <message>
        <source>{screen} · {ago} · {delivered}</source>
        <translation>{screen} · {ago} · {delivered}</translation>
    </message>
    <message>
        <source>已报送平台</source>
        <translation>reported to the platform</translation>
    </message>
    <message>
        <source>尚未报送平台，联网后自动报送</source>
        <translation>not reported to the platform yet; sent once the network is back</translation>
    </message>
    <message>
        <source>已处理</source>
        <translation>Dealt with</translation>
    </message>
    <message>
        <source>这位居民已经得到帮助，从列表中移除</source>
        <translation>This resident has been helped; take them off the list</translation>
    </message>
    <message>
        <source>没能记下处理结果，请再按一次“已处理”。</source>
        <translation>That could not be recorded. Press “Dealt with” again.</translation>
    </message>
    <message>
        <source>刚刚</source>
        <translation>just now</translation>
    </message>
    <message>
        <source>{n} 分钟前</source>
        <translation>{n} min ago</translation>
    </message>
    <message>
        <source>{n} 小时前</source>
        <translation>{n} h ago</translation>
    </message>
    <message>
        <source>首页</source>
        <translation>Home screen</translation>
    </message>
    <message>
        <source>选择事项</source>
        <translation>Choosing a service</translation>
    </message>
    <message>
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <source>读取身份证</source>
        <translation>Reading the ID card</translation>
    </message>
    <message>
        <source>填写申请表</source>
        <translation>Filling in the form</translation>
    </message>
    <message>
        <source>提交材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>选择领取方式</source>
        <translation>Choosing how to receive the result</translation>
    </message>
    <message>
        <source>确认提交</source>
        <translation>Confirming the application</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>办件查询</source>
        <translation>Progress lookup</translation>
    </message>
    <message>
        <source>出错提示</source>
        <translation>Error message</translation>
    </message>
    <message>
        <source>暂停服务</source>
        <translation>Out of service</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>请放置身份证</source>
        <translation>Place your card</translation>
    </message>
    <message>
        <source>请将第二代居民身份证平放在屏幕下方的读卡区，读取完成前不要移动。</source>
        <translation>Lay your resident ID card flat on the reader below the screen and do not move it until it has been read.</translation>
    </message>
    <message>
        <source>放置身份证示意动画</source>
        <translation>Animation: placing the ID card on the reader</translation>
    </message>
    <message>
        <source>取消办理</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>结束并回到首页</source>
        <translation>Stop and go back to the start</translation>
    </message>
    <message>
        <source>手工输入身份证号</source>
        <translation>Type the ID number</translation>
    </message>
    <message>
        <source>读不了证件时，请工作人员在旁协助，手工输入身份证号码</source>
        <translation>If the card cannot be read, type the ID number with a staff member beside you</translation>
    </message>
    <message>
        <source>读不了证件？请工作人员在旁协助您手工输入身份证号码，或请工作人员帮忙，也可拨打热线 {hotline}。</source>
        <translation>Card cannot be read? A staff member can help you type your ID number, or ask staff for help, or call the hotline {hotline}.</translation>
    </message>
</context>
<context>
    <name>IdleDialog</name>
    <message>
        <source>需要更多时间吗？</source>
        <translation>Do you need more time?</translation>
    </message>
    <message>
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>继续当前办理</source>
        <translation>Continue with this application</translation>
    </message>
    <message>
        <source>{seconds} 秒后将结束本次办理并清除您的信息</source>
        <translation>In {seconds} seconds this visit ends and your information is cleared</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>政务服务自助终端</source>
        <translation>Government Self-Service Kiosk</translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <source>办件查询</source>
        <translation>Check progress</translation>
    </message>
    <message>
        <source>请扫描回执上的二维码，或放置身份证，或输入办件编号后按“查询”。</source>
        <translation>Scan the QR code on your receipt, place your ID card, or type the case number and tap &quot;Search&quot;.</translation>
    </message>
    <message>
        <source>办件编号，如 T1A2B3C4-20261123-000001</source>
        <translation>Case number, e.g. T1A2B3C4-20261123-000001</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>用屏幕键盘输入</source>
        <translation>Type on the on-screen keyboard</translation>
    </message>
    <message>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>没有找到办件。请核对办件编号；本机只能查询在本机提交的办件，也可拨打热线查询。</source>
        <translation>No case found. Check the case number; this kiosk only knows cases submitted here. You can also call the hotline.</translation>
    </message>
    <message>
        <source>最近同步：{time}</source>
        <translation>last updated {time}</translation>
    </message>
    <message>
        <source>尚未与办理部门同步</source>
        <translation>not yet updated from the department</translation>
    </message>
    <message>
        <source>请将回执上的二维码对准摄像头，放在框内；也可以放置身份证，或输入办件编号后按“查询”。</source>
        <translation>Hold your receipt&apos;s QR code inside the frame, or place your ID card, or type the case number and tap &quot;Search&quot;.</translation>
    </message>
    <message>
        <source>摄像头画面</source>
        <translation>Camera picture</translation>
    </message>
    <message>
        <source>把回执上的二维码放在框内</source>
        <translation>Hold the QR code on your receipt inside the frame</translation>
    </message>
</context>
<context>
    <name>MaterialsScreen</name>
    <message>
        <source>申请材料</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>您选择了告知承诺：请阅读承诺内容，然后在下面的框内签名。</source>
        <translation>You chose to sign a commitment: read it, then sign in the box below.</translation>
    </message>
    <message>
        <source>签名框</source>
        <translation>Signature box</translation>
    </message>
    <message>
        <source>请用手指在框内签名</source>
        <translation>Sign in the box with your finger</translation>
    </message>
    <message>
        <source>重签</source>
        <translation>Sign again</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>请为每项材料选择提供方式。选择告知承诺的，需要签名。</source>
        <translation>For each document, choose how you will provide it. A commitment needs your signature.</translation>
    </message>
</context>
<context>
    <name>MatterListScreen</name>
    <message>
        <source>请选择要办理的事项</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <source>输入事项名称或拼音首字母，如 lnr</source>
        <translation>Type a name or pinyin initials, e.g. lnr</translation>
    </message>
    <message>
        <source>搜索事项</source>
        <translation>Search matters</translation>
    </message>
    <message>
        <source>按名称或拼音首字母搜索</source>
        <translation>Search by name or pinyin initials</translation>
    </message>
    <message>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>显示全部事项</source>
        <translation>Show all matters</translation>
    </message>
    <message>
        <source>请选择要办理的事项，可按人生事件筛选，或点“搜索”输入名称</source>
        <translation>Choose what you need to do. You can filter by life event, or tap &quot;Search&quot; to type a name.</translation>
    </message>
    <message>
        <source>只显示“{event}”相关事项</source>
        <translation>Only show matters about &quot;{event}&quot;</translation>
    </message>
    <message>
        <source>【一件事】{name}</source>
        <translation>[All in one] {name}</translation>
    </message>
    <message>
        <source>{first} 等{count}个部门</source>
        <translation>{first} and others ({count} departments)</translation>
    </message>
    <message>
        <source>更多分类 {page}/{pages}</source>
        <translation>More categories {page}/{pages}</translation>
    </message>
    <message>
        <source>显示下一组分类</source>
        <translation>Show the next group of categories</translation>
    </message>
    <message>
        <source>找到 {count} 个事项，点“收起键盘”查看</source>
        <translation>{count} found: tap “Hide keys” to see them</translation>
    </message>
    <message>
        <source>收起键盘</source>
        <translation>Hide keys</translation>
    </message>
    <message>
        <source>收起键盘，查看找到的全部事项</source>
        <translation>Put the keyboard away to see everything found</translation>
    </message>
    <message>
        <source>清除搜索</source>
        <translation>Clear search</translation>
    </message>
    <message>
        <source>清除搜索词，回到分类</source>
        <translation>Clear the search and go back to the categories</translation>
    </message>
    <message>
        <source>没有找到相关事项，请换个词试试，或按“求助”请工作人员帮忙。</source>
        <translation>Nothing found. Try another word, or press Help to call staff.</translation>
    </message>
</context>
<context>
    <name>NoticePrinting</name>
    <message>
        <source>正在打印告知单…</source>
        <translation>Printing the checklist…</translation>
    </message>
    <message>
        <source>告知单已打印，请在出纸口取走。</source>
        <translation>The checklist has been printed. Please take it from the slot.</translation>
    </message>
    <message>
        <source>打印机暂时无法使用</source>
        <translation>the printer is not available right now</translation>
    </message>
    <message>
        <source>告知单未能打印：{problem}。可拍照保存本页内容。</source>
        <translation>The checklist could not be printed: {problem}. You can take a photo of this page instead.</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <source>字母 {letter}</source>
        <translation>Letter {letter}</translation>
    </message>
    <message>
        <source>数字 {digit}</source>
        <translation>Digit {digit}</translation>
    </message>
    <message>
        <source>输入这个数字</source>
        <translation>Type this digit</translation>
    </message>
    <message>
        <source>字母 X</source>
        <translation>Letter X</translation>
    </message>
    <message>
        <source>身份证号码最后一位是 X 时用</source>
        <translation>For an ID number ending in X</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>删除最后一个字母或字</source>
        <translation>Delete the last letter or character</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>清空这一栏</source>
        <translation>Clear this field</translation>
    </message>
    <message>
        <source>空格</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>大写</source>
        <translation>Caps</translation>
    </message>
    <message>
        <source>切换大写和小写字母</source>
        <translation>Switch between capital and small letters</translation>
    </message>
    <message>
        <source>切换到英文字母</source>
        <translation>Switch to letters</translation>
    </message>
    <message>
        <source>输入英文字母和数字</source>
        <translation>Type letters and digits</translation>
    </message>
    <message>
        <source>英文</source>
        <translation>ABC</translation>
    </message>
    <message>
        <source>切换到拼音</source>
        <translation>Switch to pinyin</translation>
    </message>
    <message>
        <source>用拼音输入汉字</source>
        <translation>Type Chinese characters with pinyin</translation>
    </message>
    <message>
        <source>切换到数字</source>
        <translation>Switch to digits</translation>
    </message>
    <message>
        <source>输入数字</source>
        <translation>Type digits</translation>
    </message>
    <message>
        <source>数字</source>
        <translation>123</translation>
    </message>
    <message>
        <source>逗号</source>
        <translation>Comma</translation>
    </message>
    <message>
        <source>输入中文逗号</source>
        <translation>Type a Chinese comma</translation>
    </message>
    <message>
        <source>句号</source>
        <translation>Full stop</translation>
    </message>
    <message>
        <source>输入中文句号</source>
        <translation>Type a Chinese full stop</translation>
    </message>
    <message>
        <source>短横线</source>
        <translation>Hyphen</translation>
    </message>
    <message>
        <source>输入短横线 -</source>
        <translation>Type a hyphen -</translation>
    </message>
    <message>
        <source>井号</source>
        <translation>Hash</translation>
    </message>
    <message>
        <source>输入井号 #</source>
        <translation>Type a hash #</translation>
    </message>
    <message>
        <source>上一页候选字</source>
        <translation>Previous candidates</translation>
    </message>
    <message>
        <source>看前面的候选字</source>
        <translation>Show the previous candidates</translation>
    </message>
    <message>
        <source>下一页候选字</source>
        <translation>More candidates</translation>
    </message>
    <message>
        <source>看更多候选字</source>
        <translation>Show more candidates</translation>
    </message>
    <message>
        <source>已输入的拼音</source>
        <translation>Pinyin typed so far</translation>
    </message>
    <message>
        <source>输入拼音字母，再在上方选字</source>
        <translation>Type pinyin letters, then pick a character above</translation>
    </message>
    <message>
        <source>选第一个候选字</source>
        <translation>Pick the first candidate</translation>
    </message>
    <message>
        <source>输入这个字母</source>
        <translation>Type this letter</translation>
    </message>
    <message>
        <source>输入一个空格</source>
        <translation>Type a space</translation>
    </message>
    <message>
        <source>候选字：{text}</source>
        <translation>Candidate character: {text}</translation>
    </message>
    <message>
        <source>候选词：{text}</source>
        <translation>Candidate word: {text}</translation>
    </message>
    <message>
        <source>点一下把它填进输入框</source>
        <translation>Tap to put it in the field</translation>
    </message>
    <message>
        <source>候选位置 {number}（空）</source>
        <translation>Candidate slot {number} (empty)</translation>
    </message>
    <message>
        <source>先输入拼音，这里会出现候选字</source>
        <translation>Type pinyin first; candidates appear here</translation>
    </message>
    <message>
        <source>删除</source>
        <comment>the key&apos;s label, as short as the key is narrow</comment>
        <translation>Del</translation>
    </message>
    <message>
        <source>拼音</source>
        <comment>the key&apos;s label: Chinese input names itself in Chinese, as on any keyboard</comment>
        <translation>中文</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>暂停服务</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <source>本机正在维护，暂停受理申请。</source>
        <translation>This kiosk is under maintenance and takes no applications for now.</translation>
    </message>
    <message>
        <source>请到{hall}的其他自助终端或服务窗口办理；咨询请拨打热线 {hotline}。</source>
        <translation>Please use another kiosk or a service window of {hall}; for questions call the hotline {hotline}.</translation>
    </message>
    <message>
        <source>工作人员：本机5分钟内多次意外重启，已自动暂停服务。请查看管理界面的设备状态，处理后恢复服务；若10分钟内不再重启，本机会自动恢复服务。</source>
        <translation>For staff: this kiosk restarted unexpectedly several times within 5 minutes and closed itself. Check the device status in the staff console, then put it back in service; if it does not restart again within 10 minutes, it returns to service by itself.</translation>
    </message>
</context>
<context>
    <name>PagedColumn</name>
    <message>
        <source>第 {page} 页，共 {pages} 页</source>
        <translation>Page {page} of {pages}</translation>
    </message>
    <message>
        <source>上一页</source>
        <comment>page button</comment>
        <translation>◀ Page</translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>下一页</source>
        <comment>page button</comment>
        <translation>Page ▶</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
</context>
<context>
    <name>PinPadScreen</name>
    <message>
        <source>工作人员登录</source>
        <translation>Staff login</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Staff number</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>密码输错次数太多，请 {seconds} 秒后再试。</source>
        <translation>Too many wrong PINs. Try again in {seconds} s.</translation>
    </message>
    <message>
        <source>工号或密码不对，请重新输入密码。还可以再试 {tries} 次。</source>
        <translation>Wrong staff number or PIN. Enter the PIN again; {tries} tries left.</translation>
    </message>
    <message>
        <source>请用下面的数字键输入工号和密码，再按“确定”。</source>
        <translation>Enter your staff number and PIN on the keys below, then tap &quot;OK&quot;.</translation>
    </message>
</context>
<context>
    <name>ProblemScreen</name>
    <message>
        <source>暂时无法继续</source>
        <translation>We cannot continue right now</translation>
    </message>
    <message>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
</context>
<context>
    <name>ProvisioningScreen</name>
    <message>
        <source>配置完成</source>
        <translation>Provisioned</translation>
    </message>
    <message>
        <source>本机尚未配置</source>
        <translation>This kiosk is not provisioned yet</translation>
    </message>
    <message>
        <source>请技术人员用以下任一方式完成首次配置：
1. 插入存有配置文件（文件名以 {suffix} 结尾）的U盘，本机会自动读取；
2. 或用本机的扫码器扫描配置二维码。</source>
        <translation>Technicians: provision this kiosk in either way:
1. Plug in a USB stick holding the provisioning file (its name ends in {suffix}); the kiosk reads it by itself.
2. Or scan the provisioning QR code with this kiosk&apos;s scanner.</translation>
    </message>
    <message>
        <source>扫码器：{device}</source>
        <translation>Scanner: {device}</translation>
    </message>
    <message>
        <source>未找到扫码器：请用U盘配置。</source>
        <translation>No scanner found: provision from a USB stick.</translation>
    </message>
    <message>
        <source>开始服务</source>
        <translation>Start service</translation>
    </message>
    <message>
        <source>正在核验配置包，请稍候…</source>
        <translation>Checking the provisioning bundle, please wait…</translation>
    </message>
    <message>
        <source>配置包未通过核验，本机没有做任何更改：</source>
        <translation>The provisioning bundle was refused; nothing on this kiosk was changed:</translation>
    </message>
    <message>
        <source>配置未能完成：</source>
        <translation>Provisioning could not be completed:</translation>
    </message>
    <message>
        <source>终端编号：{terminal}
所在大厅：{hall}</source>
        <translation>Terminal id: {terminal}
Hall: {hall}</translation>
    </message>
    <message>
        <source>请换用正确的配置文件或配置二维码后重试。</source>
        <translation>Try again with the right provisioning file or QR code.</translation>
    </message>
    <message>
        <source>{reason}
请联系技术支持检查本机后重试。</source>
        <translation>{reason}
Ask technical support to check this kiosk, then try again.</translation>
    </message>
    <message>
        <source>终端密钥：已新建</source>
        <translation>Terminal key: created</translation>
    </message>
    <message>
        <source>终端密钥：沿用原有密钥</source>
        <translation>Terminal key: the existing key is kept</translation>
    </message>
    <message>
        <source>平台连接：正常</source>
        <translation>Platform: reachable</translation>
    </message>
    <message>
        <source>平台连接：暂时连不上（配置已完成；请检查网络，恢复后自动上传）</source>
        <translation>Platform: not reachable now (provisioning is done; check the network: applications upload once it is back)</translation>
    </message>
    <message>
        <source>请省级平台操作员扫描右侧二维码，或运行以下命令登记本终端：
{line}
{seconds} 秒后自动开始服务。</source>
        <translation>Province operator: scan the code on the right, or run this command to enrol this terminal:
{line}
Service starts by itself in {seconds} s.</translation>
    </message>
</context>
<context>
    <name>ProvisioningWindow</name>
    <message>
        <source>政务服务自助终端</source>
        <translation>Government Self-Service Kiosk</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <source>请为本次服务评价</source>
        <translation>Rate this service</translation>
    </message>
    <message>
        <source>选择评价等级</source>
        <translation>Choose a rating</translation>
    </message>
    <message>
        <source>不满意的原因</source>
        <translation>What was wrong</translation>
    </message>
    <message>
        <source>很抱歉！请告诉我们哪里做得不好，我们会跟进整改：</source>
        <translation>We are sorry! Please tell us what went wrong so that we can put it right:</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>提交评价</source>
        <translation>Submit rating</translation>
    </message>
    <message>
        <source>请为本次服务评价：非常满意、满意、基本满意、不满意、非常不满意。</source>
        <translation>Please rate this service: very satisfied, satisfied, basically satisfied, dissatisfied or very dissatisfied.</translation>
    </message>
    <message>
        <source>请先选择一个评价等级</source>
        <translation>Please choose a rating first</translation>
    </message>
    <message>
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
</context>
<context>
    <name>ResidentFlow</name>
    <message>
        <source>系统出现问题，您的申请没有提交成功。请联系工作人员，或拨打热线咨询。</source>
        <translation>Something went wrong and your application was not submitted. Please ask staff for help or call the hotline.</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <source>长辈模式</source>
        <translation>Large text</translation>
    </message>
    <message>
        <source>字更大、步骤更少、时间更宽裕</source>
        <translation>Bigger text, fewer items per screen, more time</translation>
    </message>
    <message>
        <source>English</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>切换界面语言</source>
        <translation>Switch language</translation>
    </message>
    <message>
        <source>第 %v 步，共 %m 步</source>
        <translation>Step %v of %m</translation>
    </message>
    <message>
        <source>办理进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>求助</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>呼叫工作人员</source>
        <translation>Call staff</translation>
    </message>
    <message>
        <source>请工作人员过来帮忙</source>
        <translation>Ask a member of staff to come and help</translation>
    </message>
    <message>
        <source>已通知工作人员，请在此稍候。</source>
        <translation>Staff have been called. Please wait here.</translation>
    </message>
    <message>
        <source>已经通知过工作人员，正在赶来，请在此稍候。</source>
        <translation>Staff have already been called and are on their way. Please wait here.</translation>
    </message>
    <message>
        <source>暂时没能通知工作人员，请到大厅服务台求助。</source>
        <translation>Staff could not be called just now. Please ask at the hall&apos;s service desk.</translation>
    </message>
</context>
<context>
    <name>SettingRow</name>
    <message>
        <source>保存后立即生效</source>
        <translation>In effect as soon as it is saved</translation>
    </message>
    <message>
        <source>重启应用后生效</source>
        <translation>In effect after the app restarts</translation>
    </message>
    <message>
        <source>同步服务下次启动时生效</source>
        <translation>In effect when the sync service next starts</translation>
    </message>
    <message>
        <source>重启后生效</source>
        <translation>In effect after a restart</translation>
    </message>
    <message>
        <source>范围 {low} 至 {high}</source>
        <translation>From {low} to {high}</translation>
    </message>
    <message>
        <source>留空表示不设置</source>
        <translation>Leave empty for none</translation>
    </message>
</context>
<context>
    <name>SwitchEditor</name>
    <message>
        <source>开</source>
        <translation>On</translation>
    </message>
    <message>
        <source>关</source>
        <translation>Off</translation>
    </message>
</context>
<context>
    <name>ThanksScreen</name>
    <message>
        <source>提交成功，谢谢您！</source>
        <translation>Submitted!</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>结束并回到首页</source>
        <translation>Stop and go back to the start</translation>
    </message>
    <message>
        <source>评价本次服务</source>
        <translation>Rate this service</translation>
    </message>
    <message>
        <source>为本次办理打分</source>
        <translation>Give a rating for this visit</translation>
    </message>
    <message>
        <source>提交成功。请取走回执，并为本次服务评价。</source>
        <translation>Submitted. Please take your receipt and rate this service.</translation>
    </message>
    <message>
        <source>办件编号：{number}（{matter}，{promise}）</source>
        <translation>Case number: {number} ({matter}, {promise})</translation>
    </message>
    <message>
        <source>{date}前办结</source>
        <translation>done by {date}</translation>
    </message>
    <message>
        <source>回执已打印，请在出纸口取走并妥善保管。</source>
        <translation>Your receipt has been printed. Take it from the slot and keep it safe.</translation>
    </message>
    <message>
        <source>回执未能打印：{problem}</source>
        <translation>The receipt could not be printed: {problem}</translation>
    </message>
    <message>
        <source>咨询投诉请拨打 {hotline}</source>
        <translation>For help or complaints call {hotline}</translation>
    </message>
    <message>
        <source>提交成功。回执未能打印，请用手机扫描屏幕上的二维码，或记下办件编号。</source>
        <translation>Submitted. The receipt could not be printed: scan the QR code on the screen with your phone, or write down the case number.</translation>
    </message>
    <message>
        <source>请用手机扫描下方二维码查询办理进度，或记下办件编号。工作人员可凭办件编号为您补打回执。</source>
        <translation>Scan the QR code below with your phone to follow your case, or write down the case number. Staff can reprint the receipt for you later with the case number.</translation>
    </message>
</context>
<context>
    <name>_MaterialRow</name>
    <message>
        <source>材料提供方式</source>
        <translation>How the document is provided</translation>
    </message>
    <message>
        <source>免提交（已从电子证照“{licence}”获取）</source>
        <translation>Not needed (taken from the e-licence &quot;{licence}&quot;)</translation>
    </message>
    <message>
        <source>告知承诺（签名代替证明）</source>
        <translation>Sign a commitment</translation>
    </message>
    <message>
        <source>容缺后补（{deadline}前补交）</source>
        <translation>Supply later (by {deadline})</translation>
    </message>
    <message>
        <source>没有此材料</source>
        <translation>I do not have it</translation>
    </message>
    <message>
        <source>我会带来</source>
        <translation>Bring it</translation>
    </message>
    <message>
        <source>承诺内容：{text}</source>
        <translation>Commitment: {text}</translation>
    </message>
    <message>
        <source>{name}（{form} {count}份）</source>
        <translation>{name} ({form}, {count} copies)</translation>
    </message>
</context>
<context>
    <name>_Poller</name>
    <message>
        <source>证件信息读取有误，请重新放置证件：拿起证件后重新平放在读卡区，读卡时不要移动。</source>
        <translation>The card was not read correctly. Please place it again: lift the card, lay it flat on the reader and keep it still while it is read.</translation>
    </message>
</context>
</TS>
