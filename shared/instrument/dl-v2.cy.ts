import type { InstrumentTexts } from './texts.ts'

// Questionnaire dl-v2 in Welsh (Cymraeg): a first translation, written with care but not yet
// reviewed. Before a real survey uses it, a fluent Welsh-speaking educator reviews it
// (docs/instrument.md, "Other languages"); the pattern labels in particular have no settled Welsh
// terms. Keys as in shared/instrument/texts.ts; tests/unit/i18n.test.ts checks every key is here.

export const dlV2Cy: InstrumentTexts = {
  title: 'Sut mae arweinyddiaeth yn gweithio yn ein hysgol ni',
  'answer.1': 'Anghytuno’n gryf',
  'answer.2': 'Anghytuno',
  'answer.3': 'Ddim yn cytuno nac yn anghytuno',
  'answer.4': 'Cytuno',
  'answer.5': 'Cytuno’n gryf',
  'answer.dontKnow': 'Ddim yn gwybod',

  'scale.shared_responsibility.name': 'Cyfrifoldeb a rennir',
  'scale.shared_responsibility.sectionTitle': 'Pwy sy’n arwain',
  'scale.shared_responsibility.description':
    'Mae arwain yn rhywbeth y mae llawer o bobl yn ei wneud ar draws yr ysgol, nid dim ond y rhai sydd â theitl arweinyddiaeth.',
  'item.sr1': 'Yn yr ysgol hon, mae pobl heb deitl arweinyddiaeth yn arwain darnau o waith.',
  'item.sr6': 'Yn yr ysgol hon, mae arwain yn cael ei adael i bobl sydd â theitl arweinyddiaeth.',
  'item.sr3': 'Pan fydd angen gwneud rhywbeth yma, mae staff yn camu ymlaen heb aros i rywun ofyn.',
  'item.sr7': 'Dim ond am eu rhan eu hunain o’r gwaith y mae staff yma’n poeni.',

  'scale.shared_power.name': 'Pŵer ac awdurdod a rennir',
  'scale.shared_power.sectionTitle': 'Pwy sy’n penderfynu',
  'scale.shared_power.description':
    'Mae gan staff lais go iawn mewn penderfyniadau, ac mae’r rhai sy’n arwain darn o waith yn cael eu trystio i benderfynu sut mae’n cael ei wneud.',
  'item.sp2': 'Mae gan staff yma lais go iawn yn y penderfyniadau sy’n effeithio ar eu gwaith.',
  'item.sp6': 'Yn yr ysgol hon, mae penderfyniadau fel arfer yn cyrraedd wedi’u gwneud yn barod.',
  'item.sp3': 'Mae’r bobl sy’n arwain darn o waith yma yn cael eu trystio i wneud penderfyniadau amdano.',
  'item.sp7': 'Mae staff yma’n cael eu holi am eu barn ar ôl i benderfyniad gael ei wneud.',

  'scale.synergy.name': 'Synergedd',
  'scale.synergy.sectionTitle': 'Cydweithio',
  'scale.synergy.description':
    'Mae staff â sgiliau gwahanol yn gweithio gyda’i gilydd ar dasgau a rennir, ac mae arbenigedd yn cyfrif am fwy na theitl swydd.',
  'item.sy4': 'Pan fydd problem yn codi yma, mae staff mewn rolau gwahanol yn ei datrys gyda’i gilydd.',
  'item.sy6': 'Yn yr ysgol hon, mae pob rôl yn cadw at ei thasgau ei hun.',
  'item.sy5': 'Mae staff yma’n troi at bwy bynnag sy’n gwybod fwyaf am broblem, beth bynnag yw eu rôl.',
  'item.sy7': 'Gan amlaf, mae staff yma’n cynllunio eu gwaith ar eu pen eu hunain.',

  'scale.leadership_capacity.name': 'Capasiti arweinyddiaeth',
  'scale.leadership_capacity.sectionTitle': 'Lle i dyfu',
  'scale.leadership_capacity.description':
    'Mae’r ysgol yn defnyddio cryfderau ei staff ac yn datblygu arweinwyr newydd, fel nad yw ei gwaith yn dibynnu ar ychydig o bobl.',
  'item.lc2': 'Mae staff sy’n dechrau arwain rhywbeth newydd yma yn cael cymorth wrth iddyn nhw ddysgu.',
  'item.lc6': 'Yn yr ysgol hon, yr un ychydig o bobl sy’n cael eu gofyn i arwain bob tro.',
  'item.lc5': 'Pe bai rhywun sy’n arwain maes yn gadael yfory, gallai eraill yma barhau â’u gwaith.',
  'item.lc7': 'Mae gan staff yma sgiliau nad yw’r ysgol byth yn eu defnyddio.',

  'scale.organisational_learning.name': 'Dysgu sefydliadol',
  'scale.organisational_learning.sectionTitle': 'Dysgu oddi wrth ein gilydd',
  'scale.organisational_learning.description':
    'Mae staff yn trafod eu hymarfer, yn myfyrio arno ac yn rhannu syniadau da, ac mae arweinwyr yn dilyn y ffyrdd o weithio y maen nhw’n eu gofyn gan eraill.',
  'item.ol2': 'Yn yr ysgol hon, mae staff yn cael eu hannog i fyfyrio ar eu gwaith eu hunain.',
  'item.ol6': 'Mae’r hyn y mae un tîm yn ei ddysgu yma yn aros gyda’r tîm hwnnw.',
  'item.ol5': 'Mae camgymeriadau yma’n cael eu gweld fel cyfle i ddysgu.',
  'item.ol7': 'Yn yr ysgol hon, mae arweinwyr yn gofyn mwy gan staff na chanddyn nhw eu hunain.',

  'scale.equitable_climate.name': 'Hinsawdd deg a moesegol',
  'scale.equitable_climate.sectionTitle': 'Teg ac agored',
  'scale.equitable_climate.description':
    'Mae pobl yn cael eu trin yn deg beth bynnag yw eu rôl, mae penderfyniadau’n cael eu hesbonio’n agored, ac mae staff yn teimlo’n ddiogel i godi pryder.',
  'item.ec1': 'Yn yr ysgol hon, mae pobl yn cael eu trin yn deg beth bynnag yw eu rôl.',
  'item.ec6': 'Yn yr ysgol hon, mae rhai lleisiau’n cyfrif am fwy nag eraill.',
  'item.ec4': 'Gall staff yma godi pryder heb boeni am y canlyniadau.',
  'item.ec7': 'Dim ond ychydig o bobl yma sy’n gwybod y rhesymau dros benderfyniadau.',

  'scale.democratic_culture.name': 'Diwylliant democrataidd ac ymchwiliol',
  'scale.democratic_culture.sectionTitle': 'Cwestiynau a syniadau newydd',
  'scale.democratic_culture.description':
    'Mae syniadau’n cael eu trafod yn agored ni waeth o ble maen nhw’n dod, ac mae newidiadau’n cael eu treialu a’u gwirio yn erbyn tystiolaeth.',
  'item.dc1': 'Gall staff yma anghytuno’n agored â syniad, ni waeth pwy a’i hawgrymodd.',
  'item.dc6': 'Yn yr ysgol hon, does dim croeso i gwestiynu’r ffordd y mae pethau wedi cael eu gwneud erioed.',
  'item.dc4': 'Yn yr ysgol hon, mae staff yn cael eu hannog i roi cynnig ar ffyrdd newydd o wneud pethau.',
  'item.dc7': 'Unwaith y bydd newid wedi’i wneud yma, does neb yn gwirio a weithiodd.',

  'scale.community_engagement.name': 'Ymgysylltu â’r gymuned ehangach',
  'scale.community_engagement.sectionTitle': 'Y tu hwnt i’n hysgol',
  'scale.community_engagement.description':
    'Mae’r ysgol yn gwrando ar ddisgyblion a theuluoedd, yn adnabod ei chymuned ac yn gweithio gydag ysgolion eraill a’r byd y tu allan.',
  'item.ce1': 'Mae staff yma’n gweithio gyda chydweithwyr o ysgolion eraill i wella’r hyn maen nhw’n ei wneud.',
  'item.ce6': 'Mae penderfyniadau sy’n effeithio ar ddisgyblion yma yn cael eu gwneud heb ofyn iddyn nhw.',
  'item.ce3': 'Mae barn teuluoedd yn helpu i lunio penderfyniadau yn yr ysgol hon.',
  'item.ce7': 'Gan amlaf, mae’r ysgol hon yn cadw iddi hi ei hun.',

  'scale.coordination.name': 'Cydlynu',
  'scale.coordination.sectionTitle': 'Sut mae’r cyfan yn cyd-fynd',
  'scale.coordination.description':
    'Mae rolau’n glir, mae gwybodaeth yn llifo, mae timau’n rhannu un cyfeiriad ac mae penderfyniadau’n cael eu gwneud mewn pryd.',
  'item.co1': 'Mae staff yma’n gwybod pwy sy’n gyfrifol am beth.',
  'item.co6': 'Mae timau yma’n aml yn cael gwybod yn rhy hwyr beth mae timau eraill yn ei wneud.',
  'item.co2': 'Yn yr ysgol hon, mae gwybodaeth yn cyrraedd y bobl sydd ei hangen.',
  'item.co7': 'Mae penderfyniadau yma’n aml yn aros yn hir cyn cael eu gwneud.',
  'item.co4': 'Mae timau gwahanol yma’n gweithio tuag at yr un blaenoriaethau ysgol.',
  'item.co8': 'Yn yr ysgol hon, mae’n aml yn aneglur pwy ddylai weithredu ar broblem.',

  'pairs.sectionTitle': 'Pa un sy’n nes?',
  'pairs.intro': 'Mae pob cwestiwn yn rhoi dau ddisgrifiad; dydy’r naill ddim yn well na’r llall. Dewiswch yr un sy’n nes at eich ysgol chi.',
  'pairs.choice.1': 'Llawer nes at y cyntaf',
  'pairs.choice.2': 'Ychydig yn nes at y cyntaf',
  'pairs.choice.3': 'Ychydig yn nes at yr ail',
  'pairs.choice.4': 'Llawer nes at yr ail',
  'pair.pa1.first': 'Y tîm uwch sy’n gwneud y rhan fwyaf o’r penderfyniadau am sut mae’r ysgol yn cael ei rhedeg.',
  'pair.pa1.second': 'Y staff sy’n gwneud y gwaith sy’n gwneud y rhan fwyaf o’r penderfyniadau am sut mae’r ysgol yn cael ei rhedeg.',
  'pair.pa2.first': 'Mae staff sy’n arwain darn o waith yn penderfynu sut mae’n cael ei wneud.',
  'pair.pa2.second': 'Mae staff sy’n arwain darn o waith yn gwirio eu penderfyniadau gydag uwch arweinwyr yn gyntaf.',
  'pair.pi1.first': 'Mae gwaith newydd yma fel arfer yn dechrau am fod y tîm uwch wedi’i gynllunio.',
  'pair.pi1.second': 'Mae gwaith newydd yma fel arfer yn dechrau am fod staff wedi gweld angen a’i ddechrau.',
  'pair.pi2.first': 'Mae staff sydd â syniad fel arfer yn dechrau arno ac yn dweud wrth arweinwyr wrth iddo dyfu.',
  'pair.pi2.second': 'Mae staff sydd â syniad fel arfer yn aros nes bod arweinwyr yn gofyn amdano.',
  'pair.ph1.first': 'Mae timau yma’n tynnu i’r un cyfeiriad.',
  'pair.ph1.second': 'Mae timau yma’n tynnu i gyfeiriadau gwahanol.',
  'pair.ph2.first': 'Byddai staff yma’n enwi pethau gwahanol fel blaenoriaethau’r ysgol.',
  'pair.ph2.second': 'Byddai’r rhan fwyaf o staff yma’n enwi’r un ddwy neu dair blaenoriaeth.',
  'pair.pc1.first': 'Mae anghytundebau am gyfeiriad yr ysgol yn cael eu datrys yn dawel yma, cyn iddyn nhw gyrraedd cyfarfod.',
  'pair.pc1.second': 'Mae staff yma’n dadlau’n agored ag uwch arweinwyr am gyfeiriad yr ysgol.',
  'pair.pc2.first': 'Mae staff yma weithiau’n bwrw ymlaen â newidiadau nad oedd y tîm uwch wedi’u cynllunio.',
  'pair.pc2.second': 'Mae newidiadau yma’n mynd yn eu blaen unwaith y bydd y tîm uwch wedi cytuno arnyn nhw.',
  'origin.question': 'Sut mae pobl yma fel arfer yn dod i arwain rhywbeth?',
  'origin.1': 'Mae uwch arweinwyr yn rhannu tasgau penodol.',
  'origin.2': 'Mae uwch arweinwyr yn dewis pwy sy’n arwain beth, ac yn eu tywys.',
  'origin.3': 'Mae staff yn dechrau pethau eu hunain, ac mae arweinwyr yn gwneud lle iddyn nhw.',
  'origin.4': 'Mae staff yn cymryd yr awenau eu hunain, hyd yn oed pan oedd gan arweinwyr gynlluniau eraill.',

  'map.sectionTitle': 'Pwy sy’n arwain beth',
  'map.question': 'Yn ymarferol, pwy sy’n arwain y rhan hon o waith yr ysgol? Ticiwch bob grŵp sy’n gwneud hynny.',
  'map.area.curriculum': 'Yr hyn y mae disgyblion yn ei ddysgu (y cwricwlwm)',
  'map.area.teaching_learning': 'Sut mae addysgu a dysgu’n gwella',
  'map.area.behaviour_wellbeing': 'Ymddygiad a llesiant',
  'map.area.staff_development': 'Hyfforddiant a datblygiad staff',
  'map.area.families_community': 'Gwaith gyda theuluoedd a’r gymuned',
  'map.area.partnership': 'Gwaith gydag ysgolion eraill',
  'map.role.senior_leaders': 'Uwch arweinwyr',
  'map.role.middle_leaders': 'Arweinwyr canol',
  'map.role.teachers': 'Athrawon',
  'map.role.support_staff': 'Staff cymorth',
  'map.no_one_clear': 'Does neb yn ei arwain yn glir',
  'map.dont_know': 'Ddim yn gwybod',

  'continuum.nowQuestion':
    'Pa un o’r rhain sydd agosaf at sut mae arweinyddiaeth yn gweithio yn ein hysgol ni nawr? Mae manteision a chostau i bob un.',
  'continuum.aimQuestion': 'Pa un fyddai’n gweddu orau i’n hysgol ni ymhen dwy flynedd?',
  'pattern.1.label': 'Awtocratiaeth',
  'pattern.1.vignette':
    'Mae un person neu grŵp bach yn penderfynu bron popeth. Mae pethau’n symud yn gyflym ac mae pawb yn gwybod pwy sy’n gyfrifol; mae llawer yn dibynnu ar ychydig o bobl, ac anaml y mae syniadau staff yn cael eu defnyddio.',
  'pattern.1.description':
    'Mae arweinyddiaeth yn nwylo un person neu grŵp bach iawn sy’n penderfynu ac yn cyfarwyddo. Mae’n rhoi cyflymder, eglurder a llaw gadarn mewn argyfwng neu wrth droi ysgol o gwmpas; mae’n gadael yr ysgol yn ddibynnol ar ychydig o bobl, yn defnyddio ychydig o arbenigedd y staff, ac anaml y mae’n para’n hwy na’r arweinydd a’i hadeiladodd.',
  'pattern.2.label': 'Dirprwyo traddodiadol',
  'pattern.2.vignette':
    'Mae’r tîm uwch yn penderfynu ac yn rhannu swyddi penodol. Mae rolau’n glir ac mae’r gwaith yn cael ei wneud yn ddibynadwy; does gan staff fawr o le i’w siapio.',
  'pattern.2.description':
    'Mae arweinwyr yn trosglwyddo tasgau a rolau ffurfiol i lawr hierarchaeth glir gan gadw’r penderfyniadau iddyn nhw eu hunain. Mae’n drefnus, yn rhagweladwy ac yn atebol, ac mae’n diogelu amser staff; gwaith yn hytrach nag awdurdod sy’n cael ei drosglwyddo, felly mae menter ac arweinwyr newydd yn tyfu’n araf.',
  'pattern.3.label': 'Dirprwyo blaengar',
  'pattern.3.vignette':
    'Mae’r tîm uwch yn gosod y cyfeiriad ac yn rhoi swyddi mwy i rai staff, gyda lle i benderfynu sut. Mae pobl yn datblygu ac mae’r baich yn cael ei rannu; gall yr ychydig a ddewiswyd gael y gwaith heb lais cyfatebol.',
  'pattern.3.description':
    'Mae arweinwyr yn dirprwyo cyfrifoldebau sylweddol i gylch ehangach ac yn eu trystio i benderfynu sut mae’r gwaith yn cael ei wneud, gan ddal i ddewis pwy sy’n arwain a gosod y cyfeiriad. Mae’n datblygu pobl, yn rhannu’r baich ac yn cadw un cyfeiriad; gall cyfrifoldeb fynd o flaen awdurdod, neu aros gydag ychydig o ffefrynnau.',
  'pattern.4.label': 'Dosbarthu dan arweiniad',
  'pattern.4.vignette':
    'Mae llawer o staff yn arwain rhannau o waith yr ysgol; mae’r tîm uwch yn dewis pwy sy’n arwain beth ac yn ei dywys. Mae’r darnau’n cyd-fynd; gall deimlo fel petai wedi’i gynllunio o’r brig, ac efallai na fydd yn para’n hwy na’r tîm uwch.',
  'pattern.4.description':
    'Mae arweinyddiaeth yn cael ei rhannu’n eang yn fwriadol: mae uwch arweinwyr yn paru pobl â meysydd yn ôl eu harbenigedd ac yn cadw’r darnau’n gyson â’i gilydd. Mae’n meithrin capasiti gyda chydlyniad ac yn diogelu’r meysydd gwannach; mae’n dal wedi’i gynllunio o’r brig, felly gall deimlo’n rheoledig, ac efallai na fydd yn goroesi newid yn y tîm uwch.',
  'pattern.5.label': 'Dosbarthu datblygol',
  'pattern.5.vignette':
    'Mae staff yn aml yn cymryd yr awenau heb i neb ofyn, ac mae gwaith newydd yn tyfu o waith tîm bob dydd; mae’r tîm uwch yn gwneud lle iddo. Mae syniadau’n dod o ble mae’r arbenigedd; mae’n cymryd blynyddoedd i’w adeiladu a gall grwydro.',
  'pattern.5.description':
    'Mae arweinyddiaeth yn codi o fenter staff o fewn diwylliant a rennir, gydag uwch arweinwyr yn creu’r amodau yn hytrach na phennu rolau. Mae’n wydn ac yn tynnu ar y mwyaf o arbenigedd; mae’n cymryd blynyddoedd o ymddiriedaeth i dyfu, mae’n anodd ei lywio’n gyflym, a heb sylw i gydlynu gall grwydro neu adael rhai lleisiau allan.',
  'pattern.6.label': 'Dosbarthu pendant',
  'pattern.6.vignette':
    'Mae staff yn cymryd yr awenau ar eu liwt eu hunain, gan bwyso am newidiadau nad oedd y tîm uwch wedi’u cynllunio; mae’r cyfeiriad yn cael ei ddadlau’n agored. Mae penderfyniadau gwan yn cael eu herio; mae’r dadleuon yn cymryd amser a gallan nhw rannu timau.',
  'pattern.6.description':
    'Mae staff yn hawlio arweinyddiaeth iddyn nhw eu hunain, gan gynnwys herio’r tîm uwch a phwyso arno. Mae’n dod ag egni, arloesedd a rhwystr rhag penderfyniadau gwael; mae’n costio amser ac ewyllys da, ac yn dod â gwrthdaro a darnio pan nad yw anghytuno’n cael ei sianelu i gyfeiriad a rennir.',
  'pattern.7.label': 'Anarchiaeth',
  'pattern.7.vignette':
    'Mae pawb yn arwain eu cornel eu hunain yn eu ffordd eu hunain. Mae gan bobl ryddid eang ac mae rhai meysydd yn ffynnu; does fawr ddim yn dod â’r cyfan at ei gilydd, felly mae’r ysgol yn cael trafferth gweithredu fel un.',
  'pattern.7.description':
    'Mae arweinyddiaeth ym mhobman ond heb ei chydlynu yn unman: dosbarthu heb gydlynu. Mae gan unigolion a thimau ryddid eang, a all ddiogelu pocedi o arloesedd ac arbenigedd; does gan yr ysgol ddim cyfeiriad cyffredin, mae’n gweithio mewn seilos ac mae’n cael trafferth penderfynu neu weithredu fel cyfanwaith.',

  roleQuestion: 'Pa un sy’n disgrifio eich rôl orau? (dewisol)',
  'role.senior_leader': 'Uwch arweinydd',
  'role.middle_leader': 'Arweinydd canol',
  'role.teacher': 'Athro neu athrawes',
  'role.support_staff': 'Staff cymorth',
  'role.other': 'Arall',
  'prompt.helps': 'Beth sy’n helpu i rannu arweinyddiaeth yma?',
  'prompt.hinders': 'Beth sy’n rhwystro hynny?',
}
